package org.portscope.hub.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Counts per time bucket, every bucket of the range present (zeros included) so a chart can plot
 * the list as it is.
 *
 * @param bucket the bucket width
 * @param from the start of the first bucket: the filter's from rounded down to the bucket width
 *     (since the epoch); the first bucket counts everything from there
 * @param to the filter's end (exclusive); the last bucket ends there, so it may be partial
 */
public record Timeseries(Duration bucket, Instant from, Instant to, List<Bucket> buckets) {
  public Timeseries {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    buckets = List.copyOf(buckets);
  }

  /** One bucket: [start, start + width). */
  public record Bucket(Instant start, long total, Map<String, Long> byKind, Map<String, Long> byTool) {
    public Bucket {
      Objects.requireNonNull(start, "start");
      byKind = Map.copyOf(byKind);
      byTool = Map.copyOf(byTool);
    }
  }
}
