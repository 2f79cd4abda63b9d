package org.portscope.hub.enroll;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.portscope.hub.config.ConfigLoader;
import org.portscope.sensor.api.IpAddress;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What {@code portscope-hub run --enrollment FILE} reads (hub/README.md, "Enrollment").
 *
 * @param listen where the HTTPS enrollment API listens: the hub's public (underlay) address
 * @param institution the institution nodes enroll into (a token of another is refused)
 * @param hubPublicKey the hub's WireGuard public key, handed to enrolling nodes as their peer
 * @param overlay the overlay's IPv4 network and prefix length, e.g. 10.77.0.0 and 24
 * @param hubAddress the hub's overlay address (the only address routed into a node's tunnel)
 * @param endpoint where nodes reach the hub's WireGuard, {@code host:port} (a name is allowed)
 * @param collector where nodes deliver observations (the collector on the overlay)
 * @param keyId the institution's Crypto-PAn key id, or null: sensors keep addresses (identity)
 * @param stateDir holds {@code tls/}, {@code enrollment-tokens/} and {@code enrolled/}
 * @param bundle the node bundle (tar.gz) served at {@code /v1/bundle}, or null
 * @param rateBurst attempts a source may make at once
 * @param ratePerMinute attempts a source regains per minute
 */
public record EnrollConfig(InetSocketAddress listen, String institution, String hubPublicKey, IpAddress overlay,
    int prefixLength, IpAddress hubAddress, String endpoint, InetSocketAddress collector, String keyId,
    Path stateDir, Path bundle, int rateBurst, int ratePerMinute) {
  public EnrollConfig {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(institution, "institution");
    Objects.requireNonNull(hubPublicKey, "hubPublicKey");
    Objects.requireNonNull(overlay, "overlay");
    Objects.requireNonNull(hubAddress, "hubAddress");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(collector, "collector");
    Objects.requireNonNull(stateDir, "stateDir");
    if (!overlay.isV4() || prefixLength < 8 || prefixLength > 30) {
      throw new IllegalArgumentException("overlay must be an IPv4 network from /8 to /30, got " + overlay + "/" + prefixLength);
    }
  }

  private static final Set<String> KEYS = Set.of("listen", "institution", "hub-public-key", "overlay", "hub-address",
      "endpoint", "collector", "anonymization-key-id", "state-dir", "bundle", "rate-burst", "rate-per-minute");

  /** @throws IllegalArgumentException naming the file and the key */
  public static EnrollConfig load(Path file) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
      return parse(root instanceof Map<?, ?> m ? m : Map.of(), file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new IllegalArgumentException("enrollment config " + file + " cannot be read: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("enrollment config " + file + ": " + e.getMessage(), e);
    }
  }

  static EnrollConfig parse(Map<?, ?> m, Path base) {
    for (Object key : m.keySet()) {
      if (!KEYS.contains(String.valueOf(key))) {
        throw new IllegalArgumentException("unknown key '" + key + "' (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
      }
    }
    String overlay = text(m, "overlay");
    int slash = overlay.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("overlay is '" + overlay + "', expected a CIDR such as 10.77.0.0/24");
    }
    Object bundle = m.get("bundle");
    Object keyId = m.get("anonymization-key-id");
    return new EnrollConfig(ConfigLoader.address("listen", text(m, "listen")), text(m, "institution"),
        text(m, "hub-public-key"), IpAddress.parse(overlay.substring(0, slash)), Integer.parseInt(overlay.substring(slash + 1)),
        IpAddress.parse(text(m, "hub-address")), text(m, "endpoint"), ConfigLoader.address("collector", text(m, "collector")),
        keyId == null ? null : keyId.toString(), base.resolve(text(m, "state-dir")),
        bundle == null ? null : base.resolve(bundle.toString()), number(m, "rate-burst", 30), number(m, "rate-per-minute", 30));
  }

  private static String text(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (v == null || v.toString().isBlank()) {
      throw new IllegalArgumentException("'" + key + "' is missing");
    }
    return v.toString().strip();
  }

  private static int number(Map<?, ?> m, String key, int byDefault) {
    Object v = m.get(key);
    if (v == null) {
      return byDefault;
    }
    if (!(v instanceof Integer i) || i < 1) {
      throw new IllegalArgumentException(key + " is '" + v + "', expected a positive integer");
    }
    return i;
  }
}
