package org.portscope.hub.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Folds rows of (institution, node, kind, tool, counts, sessions) into totals per node, institution and overall. */
final class SummaryBuilder {
  private final Acc all = new Acc();
  private final Map<String, Acc> institutions = new TreeMap<>();
  private final Map<String, Map<String, Acc>> nodes = new TreeMap<>();

  void add(String institution, String node, String kind, String tool, long n, long first, long last,
      long lastMinute, long lastHour, long sessions) {
    for (Acc a : List.of(all, institutions.computeIfAbsent(institution, k -> new Acc()),
        nodes.computeIfAbsent(institution, k -> new TreeMap<>()).computeIfAbsent(node, k -> new Acc()))) {
      a.add(kind, tool, n, first, last, lastMinute, lastHour, sessions);
    }
  }

  Summary build() {
    List<Summary.Institution> out = new ArrayList<>();
    institutions.forEach((name, acc) -> {
      List<Summary.Node> ns = new ArrayList<>();
      nodes.get(name).forEach((node, a) -> ns.add(new Summary.Node(node, a.totals())));
      out.add(new Summary.Institution(name, acc.totals(), ns));
    });
    return new Summary(all.totals(), out);
  }

  private static final class Acc {
    long n;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    long lastMinute;
    long lastHour;
    long sessions;
    final Map<String, Long> byKind = new HashMap<>();
    final Map<String, Long> byTool = new HashMap<>();

    void add(String kind, String tool, long count, long f, long l, long minute, long hour, long relayed) {
      n += count;
      first = Math.min(first, f);
      last = Math.max(last, l);
      lastMinute += minute;
      lastHour += hour;
      sessions += relayed;
      byKind.merge(kind, count, Long::sum);
      byTool.merge(tool, count, Long::sum);
    }

    Totals totals() {
      Instant f = n == 0 ? null : Nanos.toInstant(first);
      Instant l = n == 0 ? null : Nanos.toInstant(last);
      return new Totals(n, byKind, byTool, f, l, lastMinute, lastHour, sessions);
    }
  }
}
