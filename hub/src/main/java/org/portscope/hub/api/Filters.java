package org.portscope.hub.api;

import java.time.Instant;
import java.util.Set;
import org.portscope.hub.store.ObservationFilter;
import org.portscope.sensor.api.TrafficKind;

/** The filter parameters every data endpoint takes, turned into an {@link ObservationFilter}. */
final class Filters {
  static final Set<String> NAMES = Set.of("from", "to", "institution", "node", "port", "tool", "kind");

  private Filters() {}

  static ObservationFilter of(QueryParams q) throws BadRequestException {
    Instant from = q.instant("from");
    Instant to = q.instant("to");
    if (from != null && to != null && !from.isBefore(to)) {
      throw new BadRequestException("to", "to " + to + " is not after from " + from, "a time after from");
    }
    return new ObservationFilter(from, to, q.string("institution"), q.string("node"),
        q.integer("port", 0, 65535), q.string("tool"), kind(q.string("kind")));
  }

  private static TrafficKind kind(String v) throws BadRequestException {
    if (v == null) {
      return null;
    }
    for (TrafficKind k : TrafficKind.values()) {
      if (k.label().equals(v)) {
        return k;
      }
    }
    throw new BadRequestException("kind", "kind is '" + v + "'", "probe, backscatter or other");
  }

  static Set<String> with(String... more) {
    java.util.Set<String> all = new java.util.HashSet<>(NAMES);
    all.addAll(java.util.List.of(more));
    return Set.copyOf(all);
  }
}
