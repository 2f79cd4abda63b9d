package org.portscope.hub.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rollup tables of migration 3 and the days they may not answer for. Ingest and retention mark
 * the days they change dirty in their own transaction; {@link #recount} brings a dirty day's rollup
 * rows back to what grouping its raw rows gives and clears the marks in one transaction. A query
 * reads the marks in the same snapshot as the rows (see {@link RollupPlan}), so it never counts a
 * row twice or not at all. Ingest commits beside a recount: the recount deletes only the marks its
 * snapshot sees (migration 4 keeps them unkeyed), so rows committed after its snapshot leave their
 * day dirty.
 */
final class Rollups {
  private static final Logger LOG = LoggerFactory.getLogger(Rollups.class);
  /** k of the k-minimum-values sketches: counts below it are exact, above it ~6 % standard error. */
  static final int SKETCH_SIZE = 256;
  static final long DAY_NANOS = 86_400_000_000_000L;
  static final long HOUR_NANOS = 3_600_000_000_000L;
  private static final String[] TABLES = {"rollup_counts", "rollup_ports", "rollup_prefixes"};
  /** /24 of an IPv4 source (its 32 bits live in src_lo), /48 of an IPv6 one (the top of src_hi). */
  static final String SOURCE_PREFIX = "CASE WHEN ip_version = 4 THEN src_lo & 4294967040 ELSE src_hi & -65536 END";
  /** The sketch of a group's sources. */
  static final String SOURCE_SKETCH = sketchOf("hash(src_hi, src_lo)");
  /** The sketch of a group's destination ports (ICMP rows have none); an empty list when none. */
  static final String PORT_SKETCH = "coalesce(" + sketchOf("hash(dst_port)", "dst_port IS NOT NULL") + ", [])";
  private static final String DAY = "ts_ns // " + DAY_NANOS;
  /** A fingerprint of the running DuckDB's hash() on the types the sketches hash. */
  private static final String HASH_CHECK = "SELECT xor(hash(1::BIGINT, 2::BIGINT), hash(3::INTEGER))::VARCHAR";

  private Rollups() {}

  /** The sketch of {@code hashed} over a group: its smallest distinct values, ascending. */
  static String sketchOf(String hashed) {
    return sketchOf(hashed, "TRUE");
  }

  /** {@link #sketchOf(String)} over the group's rows where {@code condition} holds (NULL when none). */
  static String sketchOf(String hashed, String condition) {
    return "list_slice(list_sort(list_distinct(list(" + hashed + ") FILTER (WHERE " + condition + "))), 1, "
        + SKETCH_SIZE + ")";
  }

  /** The sketch of the union of the groups' sets, from their sketches (column {@code sketches}). */
  static String merged(String sketches) {
    return "list_slice(list_sort(list_distinct(flatten(list(" + sketches + ")))), 1, " + SKETCH_SIZE + ")";
  }

  /**
   * The distinct count a sketch column stands for: its length while below k (exact), else the
   * k-minimum-values estimate (k - 1) / (k-th smallest hash as a fraction of the hash range).
   */
  static String estimate(String sketch) {
    return "CASE WHEN len(" + sketch + ") < " + SKETCH_SIZE + " THEN len(" + sketch + ") ELSE CAST(round("
        + (SKETCH_SIZE - 1) + " * 18446744073709551616.0 / " + sketch + "[" + SKETCH_SIZE + "]) AS BIGINT) END";
  }

  /** The UTC day of a capture time, as rollup rows and dirty marks number it. */
  static long day(long tsNanos) {
    return Math.floorDiv(tsNanos, DAY_NANOS);
  }

  /** Marks {@code days} dirty, in the caller's transaction. */
  static void markDirty(Connection c, Set<Long> days) throws SQLException {
    if (days.isEmpty()) {
      return;
    }
    StringJoiner values = new StringJoiner("), (", "(", ")");
    days.forEach(d -> values.add(Long.toString(d)));
    // One statement: the JDBC driver's executeBatch opens a transaction of its own.
    try (Statement s = c.createStatement()) {
      s.execute("INSERT INTO rollup_dirty VALUES " + values);
    }
  }

  /** The dirty days, in the caller's snapshot. */
  static Set<Long> dirtyDays(Connection c) throws SQLException {
    Set<Long> out = new TreeSet<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT DISTINCT day FROM rollup_dirty")) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return out;
  }

  /**
   * Recounts one dirty day from its raw rows and clears its marks, in one transaction of its own.
   * Ingest may commit meanwhile: its marks are not in this snapshot, so they stay.
   *
   * @return the rollup rows written
   */
  static long recount(Connection c, long day) throws SQLException {
    String rowsOfDay = "ts_ns >= " + day * DAY_NANOS + " AND ts_ns < " + (day + 1) * DAY_NANOS;
    try (Statement s = c.createStatement()) {
      return DuckDbStore.inTransaction(c, () -> {
        for (String table : TABLES) {
          s.execute("DELETE FROM " + table + " WHERE day = " + day);
        }
        long rows = s.executeUpdate("INSERT INTO rollup_counts SELECT " + DAY + " AS day, ts_ns // " + HOUR_NANOS
            + " AS hour, node_id, kind, tool_id, count(*) AS n, count(session_end) AS sessions, min(ts_ns) AS first_ns, "
            + "max(ts_ns) AS last_ns FROM observations WHERE " + rowsOfDay + " GROUP BY ALL");
        rows += s.executeUpdate("INSERT INTO rollup_ports SELECT " + DAY + " AS day, node_id, protocol, dst_port, "
            + "count(*) AS n, " + SOURCE_SKETCH + " AS sources FROM observations WHERE " + rowsOfDay + " GROUP BY ALL");
        rows += s.executeUpdate("INSERT INTO rollup_prefixes SELECT " + DAY + " AS day, node_id, ip_version, "
            + SOURCE_PREFIX + " AS prefix, count(*) AS n, min(ts_ns) AS first_ns, max(ts_ns) AS last_ns, "
            + SOURCE_SKETCH + " AS sources, " + PORT_SKETCH + " AS ports FROM observations WHERE " + rowsOfDay
            + " GROUP BY ALL");
        s.execute("DELETE FROM rollup_dirty WHERE day = " + day);
        return rows;
      });
    } catch (SQLException e) {
      throw new SQLException("recounting the rollups of day " + day + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Matches the rollups to a retention delete of the rows before {@code cutoffNs}: the days wholly
   * before it go, the day it cuts is marked dirty. In the caller's transaction.
   */
  static void retain(Statement s, long cutoffNs) throws SQLException {
    long cutDay = day(cutoffNs);
    for (String table : TABLES) {
      s.execute("DELETE FROM " + table + " WHERE day < " + cutDay);
    }
    s.execute("DELETE FROM rollup_dirty WHERE day < " + cutDay);
    s.execute("INSERT INTO rollup_dirty VALUES (" + cutDay + ")");
  }

  /**
   * Marks every day with rows dirty when the rollups were never counted (a store from before
   * migration 3) or were counted with another DuckDB's hash(); the recount job then builds them.
   */
  static void checkHash(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      String check;
      try (ResultSet rs = s.executeQuery(HASH_CHECK)) {
        rs.next();
        check = rs.getString(1);
      }
      try (ResultSet rs = s.executeQuery("SELECT hash_check::VARCHAR FROM rollup_state")) {
        if (rs.next() && rs.getString(1).equals(check)) {
          return;
        }
      }
      try {
        DuckDbStore.inTransaction(c, () -> {
          for (String table : TABLES) {
            s.execute("DELETE FROM " + table);
          }
          s.execute("INSERT INTO rollup_dirty SELECT DISTINCT " + DAY + " FROM observations");
          s.execute("DELETE FROM rollup_state");
          s.execute("INSERT INTO rollup_state VALUES (" + check + ")");
        });
      } catch (SQLException e) {
        throw new SQLException("resetting the rollups failed: " + e.getMessage(), e);
      }
      LOG.info("store rollups reset (new store, a store from before rollups, or another DuckDB hash): "
          + "every stored day will be recounted");
    }
  }

  /** The days in [{@code fromDay}, {@code toDay}) of {@code days}; either bound may be null (open). */
  static List<Long> within(Set<Long> days, Long fromDay, Long toDay) {
    List<Long> out = new ArrayList<>();
    for (long d : days) {
      if ((fromDay == null || d >= fromDay) && (toDay == null || d < toDay)) {
        out.add(d);
      }
    }
    return out;
  }
}
