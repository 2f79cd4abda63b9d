package org.portscope.hub.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.portscope.hub.honeypot.HoneypotConfig;

/**
 * What {@code portscope-hub run --config FILE} reads (see hub/README.md for the file).
 *
 * @param collectorListen where the collector accepts nodes: the hub's overlay address in a deployment
 * @param apiListen where the JSON API and /metrics answer
 * @param storePath the DuckDB file
 * @param retention observations older than this are deleted
 * @param retentionInterval how often the retention delete runs
 * @param memoryLimit DuckDB's memory limit, e.g. {@code 1GB}
 * @param peersFile the peer registry the provisioner writes
 * @param peersRefresh how often the peers file is checked for changes
 * @param honeypot the hub's own honeypot, or null for none
 */
public record HubConfig(InetSocketAddress collectorListen, InetSocketAddress apiListen, Path storePath,
    Duration retention, Duration retentionInterval, String memoryLimit, Path peersFile,
    Duration peersRefresh, HoneypotConfig honeypot) {

  /** A config without the hub's honeypot. */
  public HubConfig(InetSocketAddress collectorListen, InetSocketAddress apiListen, Path storePath,
      Duration retention, Duration retentionInterval, String memoryLimit, Path peersFile,
      Duration peersRefresh) {
    this(collectorListen, apiListen, storePath, retention, retentionInterval, memoryLimit, peersFile,
        peersRefresh, null);
  }

  public HubConfig {
    Objects.requireNonNull(collectorListen, "collectorListen");
    Objects.requireNonNull(apiListen, "apiListen");
    Objects.requireNonNull(storePath, "storePath");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(retentionInterval, "retentionInterval");
    Objects.requireNonNull(memoryLimit, "memoryLimit");
    Objects.requireNonNull(peersFile, "peersFile");
    Objects.requireNonNull(peersRefresh, "peersRefresh");
    for (Duration d : new Duration[] {retention, retentionInterval, peersRefresh}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("durations must be positive, got " + d);
      }
    }
  }
}
