package org.portscope.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
      String in = in(top, "protocol", "dst_port");
      String sql = "WITH parts AS (SELECT protocol, dst_port, node_id, sources FROM rollup_ports WHERE " + rollup.where()
          + " AND " + in + " UNION ALL SELECT protocol, dst_port, node_id, " + Rollups.SOURCE_SKETCH
          + " FROM observations WHERE " + raw.where() + " AND " + in + " GROUP BY ALL), "
          + "merged AS (SELECT protocol, dst_port, " + Rollups.merged("sources") + " AS s, "
          + "count(DISTINCT node_id) AS nodes FROM parts GROUP BY ALL) "
          + "SELECT protocol, dst_port, " + Rollups.estimate("s") + ", nodes FROM merged";
      Map<Key, PortCount> details = new HashMap<>();
      try (PreparedStatement s = c.prepareStatement(sql)) {
        raw.bind(s, rollup.bind(s, 1));
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            Key k = new Key(rs.getInt(1), rs.getInt(2));
            if (top.containsKey(k)) {
              details.put(k, new PortCount(ObservationRows.protocolLabel(rs.getInt(1)), rs.getInt(2), top.get(k),
                  rs.getLong(3), rs.getLong(4)));
            }
          }
        }
      }
      return top.keySet().stream().map(details::get).toList();
    });
  }

  List<SourcePrefix> topSources(ObservationFilter filter, int limit) {
    return SplitQuery.run(readers, "top sources", filter, RollupPlan.Table.PREFIXES, (c, rollup, raw) -> {
      String edge = "(SELECT *, " + Rollups.SOURCE_PREFIX + " AS prefix FROM observations WHERE " + raw.where() + ")";
      Map<Key, Long> top = top(c, "ip_version", "prefix", null, "rollup_prefixes", rollup, edge, raw, limit);
      if (top.isEmpty()) {
        return List.of();
      }
      String in = in(top, "ip_version", "prefix");
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
        + present + " UNION ALL SELECT " + a + ", " + b + ", count(*) FROM " + rawRows + (notNull == null ? "" : " ")
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
  private static String in(Map<Key, Long> top, String a, String b) {
    TreeSet<Long> as = new TreeSet<>();
    TreeSet<Long> bs = new TreeSet<>();
    top.keySet().forEach(k -> {
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
