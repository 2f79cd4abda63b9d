package org.portscope.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;

class SplitQueryTest {
  @Test
  void aFailedQueryLeavesItsConnectionUsable() throws Exception {
    try (DuckDBConnection db = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        ReaderPool pool = new ReaderPool(db, 1)) {
      try (Statement s = db.createStatement()) {
        s.execute("CREATE TABLE rollup_dirty (day BIGINT)");
      }
      StoreException e = assertThrows(StoreException.class, () -> SplitQuery.run(pool, "broken",
          ObservationFilter.ALL, RollupPlan.Table.PORTS, (c, rollup, raw) -> {
            try (Statement s = c.createStatement()) {
              return s.executeQuery("SELECT no_such_column FROM rollup_dirty");
            }
          }));
      assertTrue(e.getMessage().contains("no_such_column"), e.getMessage());
      // The one connection is lent again: it must not still be inside the aborted transaction.
      int answer = SplitQuery.run(pool, "after", ObservationFilter.ALL, RollupPlan.Table.PORTS, (c, rollup, raw) -> {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 42")) {
          rs.next();
          return rs.getInt(1);
        }
      });
      assertEquals(42, answer);
    }
  }
}
