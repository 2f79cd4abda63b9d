package org.portscope.hub.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dashboard's queries against the DuckDB schema: aggregate by ids first (over the rollups where
 * they answer, see {@link SplitQuery}, and raw rows), then join the few result rows to their names.
 */
final class DuckDbQueries {
  private static final String TOOL = "coalesce(tools.name, 'unknown')";

  private final ReaderPool readers;

  DuckDbQueries(ReaderPool readers) {
    this.readers = readers;
  }

  /**
   * Totals per node, kind and tool: from the hourly counts for whole clean days, raw rows for the
   * rest; the last minute and hour always from raw rows (they are recent, so a short scan).
   */
  Summary summary(ObservationFilter filter, Instant now) {
    return SplitQuery.run(readers, "summary", filter, RollupPlan.Table.COUNTS, (c, rollup, raw) -> {
      SqlFilter all = SqlFilter.of(filter);
      String sql = "WITH parts AS (SELECT node_id, kind, tool_id, n, first_ns, last_ns, sessions, 0 AS minute, "
          + "0 AS hour FROM rollup_counts WHERE " + rollup.where()
          + " UNION ALL SELECT node_id, kind, tool_id, count(*), min(ts_ns), max(ts_ns), count(session_end), 0, 0 "
          + "FROM observations WHERE " + raw.where() + " GROUP BY ALL"
          + " UNION ALL SELECT node_id, kind, tool_id, 0, NULL, NULL, 0, count(*) FILTER (WHERE ts_ns >= ?), count(*) "
          + "FROM observations WHERE " + all.where() + " AND ts_ns >= ? GROUP BY ALL), "
          + "agg AS (SELECT node_id, kind, tool_id, sum(n)::BIGINT AS n, min(first_ns) AS first_ns, "
          + "max(last_ns) AS last_ns, sum(minute)::BIGINT AS minute, sum(hour)::BIGINT AS hour, "
          + "sum(sessions)::BIGINT AS sessions FROM parts GROUP BY ALL) "
          + "SELECT nodes.institution, nodes.name, agg.kind, " + TOOL + ", agg.n, agg.first_ns, agg.last_ns, "
          + "agg.minute, agg.hour, agg.sessions FROM agg JOIN nodes USING (node_id) LEFT JOIN tools USING (tool_id)";
      try (PreparedStatement s = c.prepareStatement(sql)) {
        int i = raw.bind(s, rollup.bind(s, 1));
        s.setLong(i++, Nanos.of(now.minus(Duration.ofMinutes(1))));
        i = all.bind(s, i);
        s.setLong(i, Nanos.of(now.minus(Duration.ofHours(1))));
        SummaryBuilder b = new SummaryBuilder();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            b.add(rs.getString(1), rs.getString(2), kind(rs, 3), rs.getString(4), rs.getLong(5),
                rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10));
          }
        }
        return b.build();
      }
    });
  }

  /**
   * The newest rows. Rows arrive roughly in time order, so the newest are in the last row groups:
   * the query looks back one hour, then a day, a week, then everything, and stops at the first
   * window that holds {@code limit} rows (whose newest rows are then the newest overall). Each try
   * reads only the row groups its window touches (zonemaps), where one top-N over all rows would
   * read every column of every row.
   */
  List<StoredObservation> observations(ObservationFilter filter, int limit) {
    return readers.with("observations", c -> {
      long newest = filter.to() != null ? Nanos.of(filter.to()) : newest(c);
      if (newest == Long.MIN_VALUE) {
        return List.<StoredObservation>of(); // nothing stored
      }
      long from = filter.from() == null ? Long.MIN_VALUE : Nanos.of(filter.from());
      for (Duration window : LOOK_BACK) {
        long lower = window == null ? from : Math.max(from, newest - window.toNanos());
        List<StoredObservation> rows = newestIn(c, filter.withRange(lower == Long.MIN_VALUE ? null
            : Nanos.toInstant(lower), filter.to()), limit);
        if (rows.size() >= limit || lower == from) {
          return rows;
        }
      }
      throw new AssertionError("the last window is unbounded");
    });
  }

  private static final List<Duration> LOOK_BACK = java.util.Arrays.asList(Duration.ofHours(1),
      Duration.ofDays(1), Duration.ofDays(7), null);

  private static long newest(java.sql.Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT max(ts_ns) FROM observations")) {
      rs.next();
      long v = rs.getLong(1);
      return rs.wasNull() ? Long.MIN_VALUE : v;
    }
  }

  private static List<StoredObservation> newestIn(java.sql.Connection c, ObservationFilter filter, int limit)
      throws SQLException {
    SqlFilter f = SqlFilter.of(filter);
    // Top-N on the table alone first, then the names for those few rows.
    String sql = "SELECT " + ObservationRows.COLUMNS + " FROM (SELECT * FROM observations WHERE "
        + f.where() + " ORDER BY ts_ns DESC LIMIT " + limit + ") o JOIN nodes n USING (node_id) "
        + "LEFT JOIN tools t USING (tool_id) LEFT JOIN anon_keys k USING (key_id) ORDER BY o.ts_ns DESC";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      f.bind(s, 1);
      List<StoredObservation> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(ObservationRows.read(rs));
        }
      }
      return out;
    }
  }

  /**
   * Counts per bucket, kind and tool. Buckets of whole hours read the hourly counts for whole clean
   * days (an hour lies in one bucket); other widths, and the rest, read raw rows.
   */
  Timeseries timeseries(ObservationFilter filter, Duration bucket) {
    if (filter.from() == null || filter.to() == null) {
      throw new IllegalArgumentException("a timeseries needs from and to");
    }
    long width = bucket.toNanos();
    long start = Math.floorDiv(Nanos.of(filter.from()), width) * width;
    long end = Nanos.of(filter.to());
    int count = (int) Math.max(1, (end - start + width - 1) / width);
    // The first bucket is counted whole (from its rounded-down start), not cut at the filter's from.
    ObservationFilter whole = filter.withRange(Nanos.toInstant(start), filter.to());
    RollupPlan.Table hours = width % Rollups.HOUR_NANOS == 0 ? RollupPlan.Table.COUNTS : RollupPlan.Table.NONE;
    return SplitQuery.run(readers, "timeseries", whole, hours, (c, rollup, rawRows) -> {
      String sql = "WITH parts AS (SELECT (hour * " + Rollups.HOUR_NANOS + " - ?) // ? AS bucket, kind, tool_id, n "
          + "FROM rollup_counts WHERE " + rollup.where()
          + " UNION ALL SELECT (ts_ns - ?) // ? AS bucket, kind, tool_id, count(*) FROM observations WHERE "
          + rawRows.where() + " GROUP BY ALL), "
          + "agg AS (SELECT bucket, kind, tool_id, sum(n)::BIGINT AS n FROM parts GROUP BY ALL) "
          + "SELECT agg.bucket, agg.kind, " + TOOL + ", agg.n FROM agg LEFT JOIN tools USING (tool_id)";
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setLong(1, start);
        s.setLong(2, width);
        int i = rollup.bind(s, 3);
        s.setLong(i++, start);
        s.setLong(i++, width);
        rawRows.bind(s, i);
        TimeseriesBuilder b = new TimeseriesBuilder(count);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            b.add((int) rs.getLong(1), kind(rs, 2), rs.getString(3), rs.getLong(4));
          }
        }
        return new Timeseries(bucket, Nanos.toInstant(start), filter.to(), b.build(start, width));
      }
    });
  }

  Map<String, NodeActivity> nodeActivity() {
    // A node whose institution changed has two ids: one entry, under its latest institution.
    String sql = "SELECT nodes.name, arg_max(nodes.institution, received_ns), max(received_ns), count(*), "
        + "sum(observations) FROM batches JOIN nodes USING (node_id) GROUP BY nodes.name";
    return readers.with("node activity", c -> {
      Map<String, NodeActivity> out = new TreeMap<>();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          out.put(rs.getString(1), new NodeActivity(rs.getString(1), rs.getString(2),
              Nanos.toInstant(rs.getLong(3)), rs.getLong(4), rs.getLong(5)));
        }
      }
      return out;
    });
  }

  private static String kind(ResultSet rs, int column) throws SQLException {
    int code = rs.getInt(column);
    return ObservationRows.kindLabel(rs.wasNull() ? null : code);
  }

  boolean healthy() {
    try {
      return readers.with("health check", c -> {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
          return rs.next();
        }
      });
    } catch (StoreException e) {
      return false;
    }
  }

  /** Sums rows of (bucket, kind, tool, count) into a dense list of buckets. */
  private static final class TimeseriesBuilder {
    private final long[] totals;
    private final List<Map<String, Long>> byKind = new ArrayList<>();
    private final List<Map<String, Long>> byTool = new ArrayList<>();

    TimeseriesBuilder(int count) {
      totals = new long[count];
      for (int i = 0; i < count; i++) {
        byKind.add(new HashMap<>());
        byTool.add(new HashMap<>());
      }
    }

    void add(int bucket, String kind, String tool, long n) {
      if (bucket < 0 || bucket >= totals.length) {
        return; // the filter bounds ts, so this is only reachable through rounding at the edges
      }
      totals[bucket] += n;
      byKind.get(bucket).merge(kind, n, Long::sum);
      byTool.get(bucket).merge(tool, n, Long::sum);
    }

    List<Timeseries.Bucket> build(long start, long width) {
      List<Timeseries.Bucket> out = new ArrayList<>(totals.length);
      for (int i = 0; i < totals.length; i++) {
        out.add(new Timeseries.Bucket(Nanos.toInstant(start + i * width), totals[i], byKind.get(i), byTool.get(i)));
      }
      return out;
    }
  }
}
