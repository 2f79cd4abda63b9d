package org.portscope.hub.config;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.portscope.hub.honeypot.HoneypotConfig;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the hub's YAML config. Unknown keys are errors (a typo must not silently fall back to a
 * default); relative paths are relative to the config file's folder. Every error names the key and
 * what was expected.
 */
public final class ConfigLoader {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern HOST_PORT = Pattern.compile("\\[?([^\\[\\]]+?)]?:(\\d{1,5})");

  private ConfigLoader() {}

  /** @throws IllegalArgumentException naming the file and the key when the config is invalid */
  public static HubConfig load(Path file) {
    Object root;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
    } catch (IOException e) {
      throw new IllegalArgumentException("config " + file + " cannot be read: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("config " + file + " is not valid YAML: " + e.getMessage(), e);
    }
    try {
      return parse(root, file.toAbsolutePath().getParent());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("config " + file + ": " + e.getMessage(), e);
    }
  }

  static HubConfig parse(Object root, Path base) {
    Map<?, ?> top = map(root, "the top level");
    only(top, "", Set.of("collector", "api", "store", "peers", "honeypot"));
    Map<?, ?> collector = map(required(top, "", "collector"), "collector");
    only(collector, "collector.", Set.of("listen"));
    Map<?, ?> api = map(required(top, "", "api"), "api");
    only(api, "api.", Set.of("listen"));
    Map<?, ?> store = map(required(top, "", "store"), "store");
    only(store, "store.", Set.of("path", "retention", "retentionInterval", "memoryLimit"));
    Object peers = required(top, "", "peers");
    Map<?, ?> peersMap = peers instanceof Map<?, ?> m ? m : Map.of("file", peers);
    only(peersMap, "peers.", Set.of("file", "refresh"));
    InetSocketAddress collectorListen = address("collector.listen", required(collector, "collector.", "listen"));
    Path storePath = base.resolve(required(store, "store.", "path").toString());
    return new HubConfig(
        collectorListen,
        address("api.listen", required(api, "api.", "listen")),
        storePath,
        duration("store.retention", store.get("retention"), Duration.ofDays(90)),
        duration("store.retentionInterval", store.get("retentionInterval"), Duration.ofHours(1)),
        store.get("memoryLimit") == null ? "1GB" : store.get("memoryLimit").toString(),
        base.resolve(required(peersMap, "peers.", "file").toString()),
        duration("peers.refresh", peersMap.get("refresh"), Duration.ofSeconds(5)),
        honeypot(top.get("honeypot"), collectorListen, storePath, base));
  }

  /**
   * The hub's honeypot: on by default, on the collector's (overlay) address, port 2222, logging
   * next to the store; {@code honeypot: {enabled: false}} turns it off.
   */
  private static HoneypotConfig honeypot(Object section, InetSocketAddress collector, Path storePath, Path base) {
    Map<?, ?> h = section == null ? Map.of() : map(section, "honeypot");
    only(h, "honeypot.", Set.of("enabled", "listen", "log", "idle-timeout", "max-duration", "max-connections",
        "keep-bytes", "max-bytes"));
    Object enabled = h.get("enabled");
    if (enabled != null && !(enabled instanceof Boolean)) {
      throw new IllegalArgumentException("honeypot.enabled is '" + enabled + "', expected true or false");
    }
    if (Boolean.FALSE.equals(enabled)) {
      return null;
    }
    InetSocketAddress listen = h.get("listen") == null
        ? new InetSocketAddress(collector.getAddress(), HoneypotConfig.DEFAULT_PORT)
        : address("honeypot.listen", h.get("listen"));
    Path parent = storePath.toAbsolutePath().getParent();
    Path log = h.get("log") == null ? parent.resolve("honeypot.jsonl") : base.resolve(h.get("log").toString());
    HoneypotConfig d = HoneypotConfig.withDefaults(listen, log);
    return new HoneypotConfig(listen, log,
        duration("honeypot.idle-timeout", h.get("idle-timeout"), d.idleTimeout()),
        duration("honeypot.max-duration", h.get("max-duration"), d.maxDuration()),
        (int) number("honeypot.max-connections", h.get("max-connections"), d.maxConnections()),
        (int) number("honeypot.keep-bytes", h.get("keep-bytes"), d.keepBytes()),
        number("honeypot.max-bytes", h.get("max-bytes"), d.maxBytes()));
  }

  private static long number(String key, Object value, long byDefault) {
    if (value == null) {
      return byDefault;
    }
    if (!(value instanceof Integer || value instanceof Long)) {
      throw new IllegalArgumentException(key + " is '" + value + "', expected a whole number");
    }
    return ((Number) value).longValue();
  }

  /** {@code 90d}, {@code 12h}, {@code 30m}, {@code 10s}, {@code 500ms} or ISO-8601 ({@code PT1H}). */
  public static Duration duration(String key, Object value, Duration byDefault) {
    if (value == null) {
      return byDefault;
    }
    String text = value.toString().trim();
    Matcher m = DURATION.matcher(text);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(key + " is '" + text
          + "', expected a duration such as 90d, 12h, 30m, 10s or PT1H", e);
    }
  }

  /** {@code host:port}, {@code [v6]:port}; the host is an IP literal (never resolved) or localhost. */
  public static InetSocketAddress address(String key, Object value) {
    Matcher m = HOST_PORT.matcher(value.toString().trim());
    if (!m.matches() || Integer.parseInt(m.group(2)) > 65535) {
      throw new IllegalArgumentException(key + " is '" + value + "', expected host:port such as "
          + "10.77.0.1:7443 or [fd00::1]:7443");
    }
    String host = m.group(1);
    int port = Integer.parseInt(m.group(2));
    if (host.equals("localhost")) {
      return new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port);
    }
    try {
      return new InetSocketAddress(org.portscope.sensor.api.IpAddress.parse(host).toInetAddress(), port);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
    }
  }

  private static Map<?, ?> map(Object o, String where) {
    if (!(o instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(where + " must be a map");
    }
    return m;
  }

  private static Object required(Map<?, ?> m, String prefix, String key) {
    Object v = m.get(key);
    if (v == null) {
      throw new IllegalArgumentException("'" + prefix + key + "' is missing");
    }
    return v;
  }

  private static void only(Map<?, ?> m, String prefix, Set<String> known) {
    for (Object k : m.keySet()) {
      if (!known.contains(String.valueOf(k))) {
        throw new IllegalArgumentException("unknown key '" + prefix + k + "' (known: "
            + String.join(", ", known.stream().sorted().toList()) + ")");
      }
    }
  }
}
