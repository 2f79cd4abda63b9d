package org.portscope.hub.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A query answered partly by a rollup table and partly by raw rows, as {@link RollupPlan} splits it.
 * It runs in one transaction with its read of the dirty days, so a recount committing meanwhile
 * cannot make it count a day twice or not at all.
 */
@FunctionalInterface
interface SplitQuery<T> {
  /**
   * @param rollup the condition on the rollup table ({@link RollupPlan#NOTHING} when raw rows answer alone)
   * @param raw the condition on observations
   */
  T run(Connection c, SqlFilter rollup, SqlFilter raw) throws SQLException;

  static <T> T run(ReaderPool readers, String what, ObservationFilter filter, RollupPlan.Table table,
      SplitQuery<T> query) {
    return readers.with(what, c -> {
      if (!RollupPlan.usable(filter, table)) {
        return query.run(c, RollupPlan.NOTHING, SqlFilter.of(filter)); // raw rows alone: no marks to read
      }
      // One snapshot for the dirty marks and both parts, so that a recount between them cannot
      // count a day twice or not at all.
      return DuckDbStore.inTransaction(c, () -> {
        RollupPlan plan = RollupPlan.of(filter, table, Rollups.dirtyDays(c));
        return query.run(c, plan.rollup(), plan.raw());
      });
    });
  }
}
