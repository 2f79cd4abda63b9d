package org.portscope.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.portscope.sensor.api.IpAddress;

/**
 * The dashboard's top-N tables: destination ports and source prefixes. Over whole days they read
 * the rollups (a row per day, node and key) and raw rows only for the part days at the edges and
 * days not recounted yet; filters the rollups cannot answer, and ranges shorter than a day, read
 * raw rows alone. Distinct counts come from k-minimum-values sketches either way (exact below
 * {@link Rollups#SKETCH_SIZE}).
 *
 * <p>Two statements in one snapshot: counts per key find the top keys (a counter per group), then
 * the sketches are merged for those keys only, selected by value so the scans skip the rest.
 */
final class TopQueries {
  private final ReaderPool readers;

  TopQueries(ReaderPool readers) {
    this.readers = readers;
  }

  /** A key of two numbers (protocol and port, or IP version and prefix). */
  private record Key(long a, long b) {}

  List<PortCount> topPorts(ObservationFilter filter, int limit) {
    return SplitQuery.run(readers, "top ports", filter, RollupPlan.Table.PORTS, (c, rollup, raw) -> {
      Map<Key, Long> top = top(c, "protocol", "dst_port", "dst_port", "rollup_ports", rollup,
          "observations WHERE " + raw.where() + " AND dst_port IS NOT NULL", raw, limit);
      if (top.isEmpty()) {
        return List.of();
      }
      Map<Key, long[]> sketches = portSketches(c, rollup, raw, top.keySet(), SAMPLE);
      Set<Key> unsure = new HashSet<>();
      sketches.forEach((k, v) -> {
        if (v[2] == 0) {
          unsure.add(k);
        }
      });
      if (!unsure.isEmpty()) {
        sketches.putAll(portSketches(c, rollup, raw, unsure, Rollups.SKETCH_SIZE));
      }
      List<PortCount> out = new ArrayList<>();
      top.forEach((k, n) -> out.add(new PortCount(ObservationRows.protocolLabel((int) k.a()), (int) k.b(), n,
          sketches.get(k)[0], sketches.get(k)[1])));
      return out;
    });
  }

  /** Values taken from the front of each sketch in the first merge of top ports. */
  private static final int SAMPLE = 32;

  /**
   * Per key: the distinct sources estimated from the merge of the first {@code perRow} values of each
   * sketch, the nodes, and whether that merge is the merge of the whole sketches (1) or not (0).
   * Sketches are sorted: a value a sketch left out is above its {@code perRow}-th, so every value up
   * to the smallest such cut is in the sample, and when the sample's 256th value is within it, those
   * are the union's 256 smallest. Ports' sketches are mostly disjoint across days and nodes, so 32 of
   * each (a ninth of the values over 30 days and 4 nodes) nearly always suffice.
   */
  private static Map<Key, long[]> portSketches(Connection c, SqlFilter rollup, SqlFilter raw, Set<Key> keys,
      int perRow) throws SQLException {
    String in = in(keys, "protocol", "dst_port");
    String sql = "WITH parts AS (SELECT protocol, dst_port, node_id, list_slice(sources, 1, " + perRow + ") AS front, "
        + "CASE WHEN len(sources) > " + perRow + " THEN sources[" + perRow + "] END AS cut FROM rollup_ports WHERE "
        + rollup.where() + " AND " + in + " UNION ALL SELECT protocol, dst_port, node_id, list_slice(sources, 1, "
        + perRow + "), CASE WHEN len(sources) > " + perRow + " THEN sources[" + perRow + "] END FROM (SELECT protocol, "
        + "dst_port, node_id, " + Rollups.SOURCE_SKETCH + " AS sources FROM observations WHERE " + raw.where() + " AND "
        + in + " GROUP BY ALL)), "
        + "merged AS (SELECT protocol, dst_port, " + Rollups.merged("front") + " AS s, min(cut) AS cut, "
        + "count(DISTINCT node_id) AS nodes FROM parts GROUP BY ALL) "
        + "SELECT protocol, dst_port, " + Rollups.estimate("s") + ", nodes, cut IS NULL OR (len(s) = "
        + Rollups.SKETCH_SIZE + " AND s[" + Rollups.SKETCH_SIZE + "] <= cut) FROM merged";
    Map<Key, long[]> out = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      raw.bind(s, rollup.bind(s, 1));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Key k = new Key(rs.getInt(1), rs.getInt(2));
          if (keys.contains(k)) {
            out.put(k, new long[] {rs.getLong(3), rs.getLong(4), rs.getBoolean(5) ? 1 : 0});
          }
        }
      }
    }
    return out;
  }

  List<SourcePrefix> topSources(ObservationFilter filter, int limit) {
    return SplitQuery.run(readers, "top sources", filter, RollupPlan.Table.PREFIXES, (c, rollup, raw) -> {
      String edge = "(SELECT *, " + Rollups.SOURCE_PREFIX + " AS prefix FROM observations WHERE " + raw.where() + ")";
      Map<Key, Long> top = top(c, "ip_version", "prefix", null, "rollup_prefixes", rollup, edge, raw, limit);
      if (top.isEmpty()) {
        return List.of();
      }
      String in = in(top.keySet(), "ip_version", "prefix");
      String sql = "WITH parts AS (SELECT ip_version, prefix, node_id, first_ns, last_ns, sources, ports "
          + "FROM rollup_prefixes WHERE " + rollup.where() + " AND " + in
          + " UNION ALL SELECT ip_version, prefix, node_id, min(ts_ns), max(ts_ns), " + Rollups.SOURCE_SKETCH + ", "
          + Rollups.PORT_SKETCH + " FROM " + edge + " WHERE " + in + " GROUP BY ALL), "
          + "merged AS (SELECT ip_version, prefix, " + Rollups.merged("sources") + " AS s, " + Rollups.merged("ports")
          + " AS p, count(DISTINCT node_id) AS nodes, min(first_ns) AS first_ns, max(last_ns) AS last_ns "
          + "FROM parts GROUP BY ALL) "
          + "SELECT ip_version, prefix, " + Rollups.estimate("s") + ", " + Rollups.estimate("p")
          + ", nodes, first_ns, last_ns FROM merged";
      Map<Key, SourcePrefix> details = new HashMap<>();
      try (PreparedStatement s = c.prepareStatement(sql)) {
        raw.bind(s, rollup.bind(s, 1));
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            int version = rs.getInt(1);
            long p = rs.getLong(2);
            Key k = new Key(version, p);
            if (!top.containsKey(k)) {
              continue;
            }
            String prefix = version == 4 ? IpAddress.ofV4((int) p) + "/24" : IpAddress.ofV6(p, 0) + "/48";
            // A /24 holds 256 addresses: an estimate above that is the sketch's error, not news.
            long sources = version == 4 ? Math.min(256, rs.getLong(3)) : rs.getLong(3);
            details.put(k, new SourcePrefix(prefix, version, top.get(k), sources, rs.getLong(4), rs.getLong(5),
                Nanos.toInstant(rs.getLong(6)), Nanos.toInstant(rs.getLong(7))));
          }
        }
      }
      return top.keySet().stream().map(details::get).toList();
    });
  }

  /**
   * The {@code limit} keys with the most observations, most first (ties by key), with their counts.
   *
   * @param notNull a key column that is NULL on rows without this key (ICMP has no port), or null
   * @param rawRows a FROM clause over raw rows having the key columns
   * @param rawFilter the parameters of {@code rawRows}
   */
  private static Map<Key, Long> top(Connection c, String a, String b, String notNull, String rollupTable,
      SqlFilter rollup, String rawRows, SqlFilter rawFilter, int limit) throws SQLException {
    String present = notNull == null ? "" : " AND " + notNull + " IS NOT NULL";
    String sql = "WITH counts AS (SELECT " + a + ", " + b + ", n FROM " + rollupTable + " WHERE " + rollup.where()
        + present + " UNION ALL SELECT " + a + ", " + b + ", count(*) FROM " + rawRows
        + " GROUP BY ALL) SELECT " + a + ", " + b + ", sum(n)::BIGINT AS n FROM counts GROUP BY ALL "
        + "ORDER BY n DESC, " + a + ", " + b + " LIMIT " + limit;
    Map<Key, Long> out = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      rawFilter.bind(s, rollup.bind(s, 1));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.put(new Key(rs.getLong(1), rs.getLong(2)), rs.getLong(3));
        }
      }
    }
    return out;
  }

  /**
   * The top keys as a condition the scans can push down: each column IN its values (numbers read
   * from the store, so spliced as text). It may admit a few other pairs; the caller drops them.
   */
  private static String in(Set<Key> keys, String a, String b) {
    TreeSet<Long> as = new TreeSet<>();
    TreeSet<Long> bs = new TreeSet<>();
    keys.forEach(k -> {
      as.add(k.a());
      bs.add(k.b());
    });
    return a + " IN " + list(as) + " AND " + b + " IN " + list(bs);
  }

  private static String list(TreeSet<Long> values) {
    StringJoiner j = new StringJoiner(", ", "(", ")");
    values.forEach(v -> j.add(Long.toString(v)));
    return j.toString();
  }
}
