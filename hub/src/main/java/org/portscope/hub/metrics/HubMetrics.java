package org.portscope.hub.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.portscope.sensor.api.wire.RefusalReason;

/**
 * The hub's counters and gauges, written in the Prometheus text format by {@link #prometheus()}.
 * Updated from event-loop, ingest and HTTP threads; all fields are thread-safe.
 */
public final class HubMetrics {
  public final LongAdder batchesStored = new LongAdder();
  public final LongAdder batchesDuplicate = new LongAdder();
  public final LongAdder observationsStored = new LongAdder();
  public final LongAdder protocolErrors = new LongAdder();
  public final LongAdder connectionsAccepted = new LongAdder();
  public final AtomicLong connectionsOpen = new AtomicLong();
  public final LongAdder appendNanos = new LongAdder();
  public final LongAdder appends = new LongAdder();
  public final LongAdder retentionDeleted = new LongAdder();
  private final Map<RefusalReason, LongAdder> refused = new EnumMap<>(RefusalReason.class);
  private final ConcurrentMap<String, LongAdder> apiRequests = new ConcurrentHashMap<>();
  private volatile LongSupplier ingestQueue = () -> 0;
  private volatile Supplier<String> more = () -> "";

  public HubMetrics() {
    for (RefusalReason r : RefusalReason.values()) {
      if (r != RefusalReason.NONE) {
        refused.put(r, new LongAdder());
      }
    }
  }

  public void refused(RefusalReason reason) {
    refused.get(reason).increment();
  }

  public long refusedCount(RefusalReason reason) {
    return refused.get(reason).sum();
  }

  /** Counts one API request by path and HTTP status. */
  public void apiRequest(String path, int status) {
    apiRequests.computeIfAbsent(path + "\u0000" + status, k -> new LongAdder()).increment();
  }

  /** Where the number of batches waiting for the store comes from. */
  public void ingestQueue(LongSupplier queued) {
    this.ingestQueue = queued;
  }

  /** Further metrics (another part of the hub's, in the same text format) appended to {@link #prometheus()}. */
  public void include(Supplier<String> metrics) {
    this.more = java.util.Objects.requireNonNull(metrics, "metrics");
  }

  public long ingestQueued() {
    return ingestQueue.getAsLong();
  }

  /** All metrics in the Prometheus text exposition format 0.0.4. */
  public String prometheus() {
    StringBuilder sb = new StringBuilder(2048);
    counter(sb, "portscope_hub_batches_total", "Batches answered, by ACK status.", null);
    sample(sb, "portscope_hub_batches_total{status=\"stored\"}", batchesStored.sum());
    sample(sb, "portscope_hub_batches_total{status=\"duplicate\"}", batchesDuplicate.sum());
    long refusedTotal = refused.values().stream().mapToLong(LongAdder::sum).sum();
    sample(sb, "portscope_hub_batches_total{status=\"refused\"}", refusedTotal);
    counter(sb, "portscope_hub_batches_refused_total", "Refused batches, by reason.", null);
    refused.forEach((reason, n) -> sample(sb, "portscope_hub_batches_refused_total{reason=\""
        + reason.name().toLowerCase() + "\"}", n.sum()));
    counter(sb, "portscope_hub_observations_stored_total", "Observations committed to the store.",
        observationsStored.sum());
    counter(sb, "portscope_hub_protocol_errors_total",
        "Connections closed for bytes that were not the collector protocol.", protocolErrors.sum());
    counter(sb, "portscope_hub_connections_total", "Collector connections accepted.", connectionsAccepted.sum());
    gauge(sb, "portscope_hub_connections_open", "Collector connections open now.", connectionsOpen.get());
    gauge(sb, "portscope_hub_ingest_queue_batches", "Batches waiting for the store.", ingestQueued());
    counter(sb, "portscope_hub_store_append_seconds_total", "Time spent in store appends.", null);
    sb.append("portscope_hub_store_append_seconds_total ").append(appendNanos.sum() / 1e9).append('\n');
    counter(sb, "portscope_hub_store_appends_total", "Store appends (batches, stored or duplicate).", appends.sum());
    counter(sb, "portscope_hub_retention_deleted_total", "Observations deleted by retention.",
        retentionDeleted.sum());
    counter(sb, "portscope_hub_api_requests_total", "API requests, by path and status.", null);
    apiRequests.forEach((key, n) -> {
      String[] parts = key.split("\u0000");
      sample(sb, "portscope_hub_api_requests_total{path=\"" + parts[0] + "\",status=\"" + parts[1] + "\"}", n.sum());
    });
    sb.append(more.get());
    return sb.toString();
  }

  private static void counter(StringBuilder sb, String name, String help, Long value) {
    header(sb, name, help, "counter");
    if (value != null) {
      sample(sb, name, value);
    }
  }

  private static void gauge(StringBuilder sb, String name, String help, long value) {
    header(sb, name, help, "gauge");
    sample(sb, name, value);
  }

  private static void header(StringBuilder sb, String name, String help, String type) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
    sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void sample(StringBuilder sb, String series, long value) {
    sb.append(series).append(' ').append(value).append('\n');
  }
}
