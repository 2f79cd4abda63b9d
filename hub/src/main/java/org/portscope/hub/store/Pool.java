package org.portscope.hub.store;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** A fixed set of store resources (query connections, batch writers), lent out one use at a time. */
class Pool<T extends AutoCloseable> implements AutoCloseable {
  private static final long WAIT_SECONDS = 30;

  private final BlockingQueue<T> idle;
  private final List<T> all;
  private volatile boolean closed;

  Pool(List<T> members) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a pool needs at least one member");
    }
    all = List.copyOf(members);
    idle = new ArrayBlockingQueue<>(all.size(), false, all);
  }

  /** One use of a member. */
  interface Use<T, R> {
    R run(T member) throws SQLException;
  }

  int size() {
    return all.size();
  }

  <R> R with(String what, Use<T, R> use) {
    T member;
    try {
      member = closed ? null : idle.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(what + " interrupted", e);
    }
    if (member == null) {
      throw new StoreException(what + ": " + (closed ? "the store is closed"
          : "no connection free within " + WAIT_SECONDS + " s"), null);
    }
    try {
      return use.run(member);
    } catch (SQLException e) {
      throw new StoreException(what + " failed: " + e.getMessage(), e);
    } finally {
      idle.add(member);
    }
  }

  /** Closes every member, once the uses in progress have returned theirs (up to 30 s in all). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    try {
      for (int back = 0; back < all.size(); back++) {
        if (idle.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS) == null) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (T member : all) {
      try {
        member.close();
      } catch (Exception ignored) {
        // closing: nothing left to do with the error
      }
    }
  }
}
