package org.portscope.hub.store;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBConnection;

/** The store's query connections: they see only committed transactions (DuckDB's MVCC). */
final class ReaderPool extends Pool<DuckDBConnection> {
  ReaderPool(DuckDBConnection source, int size) throws SQLException {
    super(connections(source, size));
  }

  private static List<DuckDBConnection> connections(DuckDBConnection source, int size) throws SQLException {
    if (size < 1) {
      throw new IllegalArgumentException("reader connections must be at least 1, got " + size);
    }
    List<DuckDBConnection> out = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      out.add((DuckDBConnection) source.duplicate());
    }
    return out;
  }
}
