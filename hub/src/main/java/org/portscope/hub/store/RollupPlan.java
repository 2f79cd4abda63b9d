package org.portscope.hub.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a query splits between the rollups and raw rows: the whole UTC days of its time range that are
 * not dirty come from the rollup tables; the part days at either edge (at most a day each) and the
 * dirty days from observations.
 *
 * @param rollup the condition on the rollup table (days and the filter's other columns)
 * @param raw the condition on observations; {@code FALSE} when the rollups answer for everything
 */
record RollupPlan(SqlFilter rollup, SqlFilter raw) {
  /** The rollup side of a query the raw rows answer alone. */
  static final SqlFilter NOTHING = new SqlFilter("FALSE", List.of());

  RollupPlan {
    Objects.requireNonNull(rollup, "rollup");
    Objects.requireNonNull(raw, "raw");
  }

  /** A rollup table and the filter columns it keeps besides day, node and institution. */
  enum Table {
    /** No rollup: raw rows answer (e.g. timeseries buckets that are not whole hours). */
    NONE(false, false),
    COUNTS(false, true),
    PORTS(true, false),
    PREFIXES(false, false);

    private final boolean port;
    private final boolean toolAndKind;

    Table(boolean port, boolean toolAndKind) {
      this.port = port;
      this.toolAndKind = toolAndKind;
    }

    boolean answers(ObservationFilter f) {
      return this != NONE && (port || f.port() == null) && (toolAndKind || (f.tool() == null && f.kind() == null));
    }
  }

  /**
   * Whether {@code table} can answer part of {@code filter}: it keeps every column the filter
   * names and the range holds a whole day. Asked before reading the dirty days, which a query
   * the rollups cannot help need not read.
   */
  static boolean usable(ObservationFilter filter, Table table) {
    Long firstDay = firstDay(filter);
    Long endDay = endDay(filter);
    return table.answers(filter) && (firstDay == null || endDay == null || firstDay < endDay);
  }

  /** The first whole day of the range, or null when it is open at the start. */
  private static Long firstDay(ObservationFilter filter) {
    return filter.from() == null ? null
        : Math.floorDiv(Nanos.of(filter.from()) + Rollups.DAY_NANOS - 1, Rollups.DAY_NANOS);
  }

  /** The day after the last whole day of the range, or null when it is open at the end. */
  private static Long endDay(ObservationFilter filter) {
    return filter.to() == null ? null : Math.floorDiv(Nanos.of(filter.to()), Rollups.DAY_NANOS);
  }

  /**
   * The plan for {@code filter} over {@code table}, which {@link #usable} accepts (else raw rows
   * alone answer the query).
   *
   * @param dirty the dirty days, read in the same snapshot the query runs in
   */
  static RollupPlan of(ObservationFilter filter, Table table, Set<Long> dirty) {
    assert usable(filter, table) : "no plan for a filter the rollups cannot serve";
    Long from = filter.from() == null ? null : Nanos.of(filter.from());
    Long to = filter.to() == null ? null : Nanos.of(filter.to());
    Long firstDay = firstDay(filter);
    Long endDay = endDay(filter);
    Conditions days = new Conditions();
    Conditions raw = new Conditions();
    if (firstDay != null) {
      days.add("day >= ?", firstDay);
      if (from < firstDay * Rollups.DAY_NANOS) {
        raw.add("ts_ns >= ? AND ts_ns < ?", from, firstDay * Rollups.DAY_NANOS);
      }
    }
    if (endDay != null) {
      days.add("day < ?", endDay);
      if (to > endDay * Rollups.DAY_NANOS) {
        raw.add("ts_ns >= ? AND ts_ns < ?", endDay * Rollups.DAY_NANOS, to);
      }
    }
    for (long d : Rollups.within(dirty, firstDay, endDay)) {
      days.add("day <> ?", d);
      raw.add("ts_ns >= ? AND ts_ns < ?", d * Rollups.DAY_NANOS, (d + 1) * Rollups.DAY_NANOS);
    }
    SqlFilter rest = SqlFilter.of(filter.withRange(null, null));
    return new RollupPlan(days.all(rest), raw.any(rest));
  }

  /** Conditions with their parameters, joined by AND or OR. */
  private static final class Conditions {
    private final List<String> sql = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    void add(String condition, Object... values) {
      sql.add(condition);
      params.addAll(List.of(values));
    }

    SqlFilter all(SqlFilter base) {
      return sql.isEmpty() ? base : base.and(String.join(" AND ", sql), params);
    }

    SqlFilter any(SqlFilter base) {
      return sql.isEmpty() ? base.and("FALSE") : base.and("(" + String.join(") OR (", sql) + ")", params);
    }
  }
}
