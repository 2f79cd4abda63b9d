package org.portscope.sensor.core.config;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.portscope.sensor.api.ConfigException;
import org.portscope.sensor.api.StageConfig;
import org.portscope.sensor.core.fingerprint.Fingerprinter;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the sensor's YAML config file into a {@link SensorConfig}. Every problem is a
 * {@link ConfigException} naming the file, the key, the value and what was expected.
 */
public final class SensorConfigLoader {
  private static final Set<String> TOP_KEYS =
      Set.of("node", "local", "capture", "anonymize", "forward", "metrics", "pipeline",
          "listener", "relay");

  private SensorConfigLoader() {}

  public static SensorConfig load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(file + ": no such config file (expected a YAML file)");
    }
    if (!Files.isReadable(file)) {
      throw new ConfigException(file + ": not readable by this user");
    }
    try (Reader in = Files.newBufferedReader(file)) {
      Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      if (!(root instanceof Map<?, ?> map)) {
        throw new ConfigException(file + ": expected a YAML mapping at the top (node:, capture:, …)");
      }
      try {
        return fromMap(stringKeys(map));
      } catch (ConfigException e) {
        throw new ConfigException(file + ": " + e.getMessage(), e);
      }
    } catch (YAMLException e) {
      throw new ConfigException(file + ": not valid YAML: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /** Builds the config from an already parsed tree (also used by the replay command). */
  public static SensorConfig fromMap(Map<String, Object> tree) {
    StageConfig top = new StageConfig("", tree);
    top.allowOnly(TOP_KEYS);
    String node = top.string("node", defaultNodeName());
    List<Cidr> local = new ArrayList<>();
    for (String c : top.strings("local")) {
      try {
        local.add(Cidr.parse(c));
      } catch (IllegalArgumentException e) {
        throw top.bad("local", c, "a list of CIDRs such as 192.0.2.0/24");
      }
    }
    StageConfig capture = stage(top, "capture");
    // No default: contributors are promised anonymization, so keeping addresses must be a choice.
    if (!top.has("anonymize")) {
      throw new ConfigException("anonymize: missing; name the anonymizer, e.g. {plugin:"
          + " anonymize-cryptopan, key-file: /etc/portscope/anon.key}, or {plugin: identity} to keep"
          + " addresses as they are");
    }
    StageConfig anonymize = stage(top, "anonymize");
    List<StageConfig> forward = forwarders(tree.get("forward"));

    StageConfig metrics = top.section("metrics");
    metrics.allowOnly(Set.of("listen"));
    String listen = metrics.string("listen", null);
    if (listen != null && !listen.matches("\\[?[0-9A-Za-z.:\\-]+]?:\\d{1,5}")) {
      throw metrics.bad("listen", listen, "HOST:PORT such as 127.0.0.1:9105");
    }
    StageConfig pipeline = top.section("pipeline");
    pipeline.allowOnly(Set.of("queue", "ports-refresh", "tracked-sources"));
    StageConfig listener = top.has("listener") ? stage(top, "listener") : null;
    StageConfig relay = top.has("relay") ? stage(top, "relay") : null;
    if (listener != null && relay == null) {
      throw new ConfigException("relay: missing; listener mode relays every connection it accepts,"
          + " so it needs a relay section, e.g. {plugin: forward-honeypot, honeypot: 10.77.0.1:2222}");
    }
    if (relay != null && listener == null) {
      throw new ConfigException("listener: missing; a relay only gets connections from listener"
          + " mode, e.g. {plugin: capture-listener, ports: [10000-20000]}");
    }
    return new SensorConfig(node, local, capture, anonymize, forward, listen,
        pipeline.integer("queue", 65_536, 1_024, 16_777_216),
        pipeline.duration("ports-refresh", Duration.ofSeconds(2)),
        pipeline.integer("tracked-sources", Fingerprinter.DEFAULT_MAX_SOURCES, 1_000,
            100_000_000), listener, relay);
  }

  private static StageConfig stage(StageConfig top, String key) {
    if (!top.has(key)) {
      throw new ConfigException(key + ": missing; this section is required (it names the plugin)");
    }
    StageConfig section = top.section(key);
    section.string("plugin");
    return section;
  }

  private static List<StageConfig> forwarders(Object value) {
    if (value == null) {
      throw new ConfigException("forward: missing; expected a list of forwarder sections, each"
          + " with a plugin key");
    }
    List<?> items = value instanceof List<?> list ? list : List.of(value);
    if (items.isEmpty()) {
      throw new ConfigException("forward: empty; expected at least one forwarder");
    }
    List<StageConfig> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String path = "forward[" + i + "]";
      if (!(items.get(i) instanceof Map<?, ?> map)) {
        throw new ConfigException(path + ": '" + items.get(i)
            + "' is not valid; expected a section with a plugin key");
      }
      StageConfig section = new StageConfig(path, stringKeys(map));
      section.string("plugin");
      section.bool("raw", false);
      out.add(section);
    }
    return out;
  }

  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private static String defaultNodeName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "node";
    }
  }
}
