package org.portscope.plugin.honeypot;

import org.portscope.sensor.api.Metrics;
import org.portscope.sensor.api.Metrics.Counter;

/** The relay's counters. */
final class RelayMetrics {
  private final Metrics metrics;
  final Counter relayed;
  final Counter unreachable;

  RelayMetrics(Metrics metrics) {
    this.metrics = metrics;
    this.relayed = metrics.counter("portscope_relay_connections_total",
        "Connections relayed to the honeypot");
    this.unreachable = metrics.counter("portscope_relay_unreachable_total",
        "Connections closed because the honeypot could not be reached");
  }

  /** Connections cut or refused by the limit {@code name} (connections, bytes, idle, …). */
  Counter limit(String name) {
    return metrics.counter("portscope_relay_limit_total",
        "Connections cut or refused because a relay limit was hit", "limit", name);
  }
}
