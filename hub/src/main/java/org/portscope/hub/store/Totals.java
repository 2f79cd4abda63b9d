package org.portscope.hub.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Counts over a set of observations.
 *
 * @param observations how many
 * @param byKind count per traffic kind label (probe, backscatter, other, unknown)
 * @param byTool count per scanner tool
 * @param firstSeen the earliest capture time, or null when there are none
 * @param lastSeen the latest capture time, or null when there are none
 * @param lastMinute how many were captured in the minute before the query (live counter)
 * @param lastHour how many were captured in the hour before the query
 * @param sessions how many of the observations are relayed connections (listener mode)
 */
public record Totals(long observations, Map<String, Long> byKind, Map<String, Long> byTool,
    Instant firstSeen, Instant lastSeen, long lastMinute, long lastHour, long sessions) {
  public Totals {
    byKind = Map.copyOf(Objects.requireNonNull(byKind, "byKind"));
    byTool = Map.copyOf(Objects.requireNonNull(byTool, "byTool"));
  }
}
