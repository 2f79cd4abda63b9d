package org.portscope.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.portscope.sensor.api.IpAddress;

/**
 * The dashboard's top-N tables: destination ports and source prefixes. Over whole days they read
 * the rollups (a row per day, node and key) and raw rows only for the part days at the edges and
 * days not recounted yet; filters the rollups cannot answer, and ranges shorter than a day, read
 * raw rows alone. Both ways
 * give the same counts; distinct counts come from k-minimum-values sketches either way (exact
 * below {@link Rollups#SKETCH_SIZE}).
 */
final class TopQueries {
  /** The rollup side of a query the raw rows answer alone. */
  private static final SqlFilter NOTHING = new SqlFilter("FALSE", List.of());
  private final ReaderPool readers;

  TopQueries(ReaderPool readers) {
    this.readers = readers;
  }

  List<PortCount> topPorts(ObservationFilter filter, int limit) {
    return inSnapshot("top ports", filter, true, (c, rollup, raw) -> topPorts(c, rollup, raw, limit));
  }

  List<SourcePrefix> topSources(ObservationFilter filter, int limit) {
    return inSnapshot("top sources", filter, false, (c, rollup, raw) -> topSources(c, rollup, raw, limit));
  }

  /** A query given the conditions on the rollup table and on observations. */
  private interface Split<T> {
    T run(Connection c, SqlFilter rollup, SqlFilter raw) throws SQLException;
  }

  /**
   * Runs a query in one transaction with the read of the dirty days it plans with, so a recount
   * committing meanwhile cannot make it count a day twice or not at all.
   */
  private <T> T inSnapshot(String what, ObservationFilter filter, boolean keepsPort, Split<T> query) {
    return readers.with(what, c -> {
      try (Statement tx = c.createStatement()) {
        tx.execute("BEGIN TRANSACTION");
        try {
          Optional<RollupPlan> plan = RollupPlan.of(filter, keepsPort, Rollups.dirtyDays(c));
          return query.run(c, plan.map(RollupPlan::rollup).orElse(NOTHING),
              plan.map(RollupPlan::raw).orElse(SqlFilter.of(filter)));
        } finally {
          tx.execute("COMMIT");
        }
      }
    });
  }

  private static List<PortCount> topPorts(Connection c, SqlFilter rollup, SqlFilter raw, int limit) throws SQLException {
    String sql = "WITH counts AS (SELECT protocol, dst_port, n FROM rollup_ports WHERE " + rollup.where()
        + " AND dst_port IS NOT NULL UNION ALL SELECT protocol, dst_port, count(*) FROM observations WHERE "
        + raw.where() + " AND dst_port IS NOT NULL GROUP BY ALL), "
        + "top AS (SELECT protocol, dst_port, sum(n)::BIGINT AS n FROM counts GROUP BY ALL "
        + "ORDER BY n DESC, protocol, dst_port LIMIT " + limit + "), "
        + "parts AS (SELECT protocol, dst_port, node_id, sources FROM rollup_ports SEMI JOIN top USING (protocol, dst_port) "
        + "WHERE " + rollup.where() + " UNION ALL SELECT protocol, dst_port, node_id, " + Rollups.SOURCE_SKETCH + " FROM observations "
        + "SEMI JOIN top USING (protocol, dst_port) WHERE " + raw.where() + " GROUP BY ALL), "
        + "merged AS (SELECT protocol, dst_port, " + Rollups.merged("sources") + " AS s, "
        + "count(DISTINCT node_id) AS nodes FROM parts GROUP BY ALL) "
        + "SELECT top.protocol, top.dst_port, top.n, " + Rollups.estimate("merged.s") + ", merged.nodes "
        + "FROM top JOIN merged USING (protocol, dst_port) ORDER BY top.n DESC, top.protocol, top.dst_port";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      raw.bind(s, rollup.bind(s, raw.bind(s, rollup.bind(s, 1))));
      List<PortCount> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new PortCount(ObservationRows.protocolLabel(rs.getInt(1)), rs.getInt(2), rs.getLong(3),
              rs.getLong(4), rs.getLong(5)));
        }
      }
      return out;
    }
  }

  private static List<SourcePrefix> topSources(Connection c, SqlFilter rollup, SqlFilter raw, int limit)
      throws SQLException {
    String rawKeys = "SELECT *, " + Rollups.SOURCE_PREFIX + " AS prefix FROM observations WHERE " + raw.where();
    String sql = "WITH edge AS (" + rawKeys + "), "
        + "counts AS (SELECT ip_version, prefix, n FROM rollup_prefixes WHERE " + rollup.where()
        + " UNION ALL SELECT ip_version, prefix, count(*) FROM edge GROUP BY ALL), "
        + "top AS (SELECT ip_version, prefix, sum(n)::BIGINT AS n FROM counts GROUP BY ALL "
        + "ORDER BY n DESC, ip_version, prefix LIMIT " + limit + "), "
        + "parts AS (SELECT ip_version, prefix, node_id, first_ns, last_ns, sources, ports FROM rollup_prefixes "
        + "SEMI JOIN top USING (ip_version, prefix) WHERE " + rollup.where()
        + " UNION ALL SELECT ip_version, prefix, node_id, min(ts_ns), max(ts_ns), " + Rollups.SOURCE_SKETCH + ", "
        + Rollups.PORT_SKETCH + " FROM edge SEMI JOIN top USING (ip_version, prefix) GROUP BY ALL), "
        + "merged AS (SELECT ip_version, prefix, " + Rollups.merged("sources") + " AS s, " + Rollups.merged("ports")
        + " AS p, count(DISTINCT node_id) AS nodes, min(first_ns) AS first_ns, max(last_ns) AS last_ns "
        + "FROM parts GROUP BY ALL) "
        + "SELECT top.ip_version, top.prefix, top.n, " + Rollups.estimate("merged.s") + ", "
        + Rollups.estimate("merged.p") + ", merged.nodes, merged.first_ns, merged.last_ns "
        + "FROM top JOIN merged USING (ip_version, prefix) ORDER BY top.n DESC, top.ip_version, top.prefix";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      rollup.bind(s, rollup.bind(s, raw.bind(s, 1)));
      List<SourcePrefix> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          int version = rs.getInt(1);
          long p = rs.getLong(2);
          String prefix = version == 4 ? IpAddress.ofV4((int) p) + "/24" : IpAddress.ofV6(p, 0) + "/48";
          // A /24 holds 256 addresses: an estimate above that is the sketch's error, not news.
          long sources = version == 4 ? Math.min(256, rs.getLong(4)) : rs.getLong(4);
          out.add(new SourcePrefix(prefix, version, rs.getLong(3), sources, rs.getLong(5), rs.getLong(6),
              Nanos.toInstant(rs.getLong(7)), Nanos.toInstant(rs.getLong(8))));
        }
      }
      return out;
    }
  }
}
