package org.portscope.hub.store;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBConnection;

/** A fixed set of query connections to the store's database, lent out one query at a time. */
final class ReaderPool implements AutoCloseable {
  private static final long WAIT_SECONDS = 30;

  private final BlockingQueue<DuckDBConnection> idle;
  private final List<DuckDBConnection> all = new ArrayList<>();
  private volatile boolean closed;

  ReaderPool(DuckDBConnection source, int size) throws SQLException {
    if (size < 1) {
      throw new IllegalArgumentException("reader connections must be at least 1, got " + size);
    }
    idle = new ArrayBlockingQueue<>(size);
    for (int i = 0; i < size; i++) {
      DuckDBConnection c = (DuckDBConnection) source.duplicate();
      all.add(c);
      idle.add(c);
    }
  }

  /** A query against one connection. */
  interface Query<T> {
    T run(DuckDBConnection c) throws SQLException;
  }

  <T> T with(String what, Query<T> query) {
    DuckDBConnection c;
    try {
      c = closed ? null : idle.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(what + " interrupted", e);
    }
    if (c == null) {
      throw new StoreException(what + ": " + (closed ? "the store is closed"
          : "no query connection free within " + WAIT_SECONDS + " s"), null);
    }
    try {
      return query.run(c);
    } catch (SQLException e) {
      throw new StoreException(what + " failed: " + e.getMessage(), e);
    } finally {
      idle.add(c);
    }
  }

  @Override
  public void close() {
    closed = true;
    for (DuckDBConnection c : all) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing
      }
    }
  }
}
