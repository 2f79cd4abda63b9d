package org.portscope.hub.honeypot;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The honeypot's counters, in the Prometheus text format beside the hub's own. */
public final class HoneypotMetrics {
  final LongAdder connections = new LongAdder();
  final LongAdder proxied = new LongAdder();
  final LongAdder refused = new LongAdder();
  final LongAdder bytesIn = new LongAdder();
  final AtomicInteger open = new AtomicInteger();
  private final Map<String, LongAdder> byService = new ConcurrentHashMap<>();

  void served(String service) {
    byService.computeIfAbsent(service, k -> new LongAdder()).increment();
  }

  /** Connections recorded, relayed or direct. */
  public long connections() {
    return connections.sum();
  }

  /** Connections recorded that came with a PROXY protocol header (through a node's relay). */
  public long proxied() {
    return proxied.sum();
  }

  /** The counters in the Prometheus text exposition format 0.0.4. */
  public String prometheus() {
    StringBuilder sb = new StringBuilder(512);
    counter(sb, "portscope_hub_honeypot_connections_total", "Honeypot connections recorded.", connections.sum());
    counter(sb, "portscope_hub_honeypot_proxied_total", "Honeypot connections relayed by a node (PROXY header).",
        proxied.sum());
    counter(sb, "portscope_hub_honeypot_refused_total", "Honeypot connections closed at accept (max-connections).",
        refused.sum());
    counter(sb, "portscope_hub_honeypot_bytes_received_total", "Bytes honeypot clients sent.", bytesIn.sum());
    sb.append("# HELP portscope_hub_honeypot_connections_open Honeypot connections open now.\n")
        .append("# TYPE portscope_hub_honeypot_connections_open gauge\n")
        .append("portscope_hub_honeypot_connections_open ").append(open.get()).append('\n');
    sb.append("# HELP portscope_hub_honeypot_served_total Honeypot connections by the service it played.\n")
        .append("# TYPE portscope_hub_honeypot_served_total counter\n");
    byService.forEach((s, n) -> sb.append("portscope_hub_honeypot_served_total{service=\"").append(s)
        .append("\"} ").append(n.sum()).append('\n'));
    return sb.toString();
  }

  private static void counter(StringBuilder sb, String name, String help, long value) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(" counter\n").append(name).append(' ').append(value).append('\n');
  }
}
