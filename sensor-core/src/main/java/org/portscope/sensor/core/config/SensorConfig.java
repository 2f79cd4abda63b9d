package org.portscope.sensor.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.portscope.sensor.api.StageConfig;

/**
 * The sensor's whole configuration, validated: which plugin runs each stage (with its section),
 * the node's identity and addresses, and the host's own settings.
 *
 * @param node the node id stamped on every observation
 * @param local the node's own addresses as CIDRs; empty means "read them from the interfaces"
 * @param capture the capture stage's section
 * @param anonymize the anonymizer's section
 * @param forward one section per forwarder (fan-out)
 * @param metricsListen {@code host:port} for /metrics and /healthz, or null for none
 * @param queueCapacity frames the live pipeline buffers before it drops
 * @param portsRefresh how often the listening sockets are re-read
 * @param trackedSources how many sources the spoofing check remembers
 * @param listener listener mode's section (accepts on the assigned ports), or null when off
 * @param relay where listener mode relays connections to; set exactly when {@code listener} is
 */
public record SensorConfig(
    String node,
    List<Cidr> local,
    StageConfig capture,
    StageConfig anonymize,
    List<StageConfig> forward,
    String metricsListen,
    int queueCapacity,
    Duration portsRefresh,
    int trackedSources,
    StageConfig listener,
    StageConfig relay) {

  public SensorConfig {
    Objects.requireNonNull(node, "node");
    local = List.copyOf(local);
    Objects.requireNonNull(capture, "capture");
    Objects.requireNonNull(anonymize, "anonymize");
    forward = List.copyOf(forward);
    Objects.requireNonNull(portsRefresh, "portsRefresh");
    if ((listener == null) != (relay == null)) {
      throw new IllegalArgumentException("listener and relay go together: listener "
          + (listener == null ? "absent" : "present") + ", relay " + (relay == null ? "absent" : "present"));
    }
  }

  /** The plugin id a stage section names. */
  public static String pluginOf(StageConfig section) {
    return section.string("plugin");
  }

  /** Whether the operator marked this forwarder to receive raw (not anonymized) observations. */
  public static boolean isRaw(StageConfig forwarder) {
    return forwarder.bool("raw", false);
  }
}
