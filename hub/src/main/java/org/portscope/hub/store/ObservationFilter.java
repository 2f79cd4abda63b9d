package org.portscope.hub.store;

import java.time.Instant;
import org.portscope.sensor.api.TrafficKind;

/**
 * Which observations a query looks at. Every field is optional: {@code null} means no constraint.
 *
 * @param from capture time, inclusive
 * @param to capture time, exclusive
 * @param institution the institution of the node
 * @param node the node's name in the peer registry
 * @param port destination port
 * @param tool the scanner tool of the fingerprint ("unknown" matches observations without one)
 * @param kind probe, backscatter or other
 */
public record ObservationFilter(Instant from, Instant to, String institution, String node,
    Integer port, String tool, TrafficKind kind) {
  public static final ObservationFilter ALL = new ObservationFilter(null, null, null, null, null, null, null);

  public ObservationFilter {
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("from " + from + " is not before to " + to);
    }
  }

  public ObservationFilter withRange(Instant newFrom, Instant newTo) {
    return new ObservationFilter(newFrom, newTo, institution, node, port, tool, kind);
  }
}
