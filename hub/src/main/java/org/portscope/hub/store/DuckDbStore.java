package org.portscope.hub.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.duckdb.DuckDBConnection;

/**
 * The default store: one embedded DuckDB file. Batches are appended by a few writer connections at
 * once (DuckDB lets transactions that only insert commit side by side; one writer leaves a core
 * idle while its commit runs). Retention and the rollup recount run on their own connection, one at
 * a time, beside ingest: snapshot isolation keeps them exact (see {@link Rollups}). Queries run on
 * a small pool of connections and see only committed transactions, so the dashboard never sees
 * half a batch.
 */
public final class DuckDbStore implements ObservationStore {
  /** Writers by default: two cores' worth of appends on the machines a hub runs on. */
  public static final int DEFAULT_WRITERS = 2;

  private final DuckDBConnection maintenance;
  private final DuckDBConnection dictionaries;
  private final Pool<BatchWriter> writers;
  private final ReaderPool readers;
  private final DuckDbQueries queries;
  private final TopQueries top;
  private volatile boolean closed;

  private DuckDbStore(DuckDBConnection maintenance, int readerCount, int writerCount) throws SQLException {
    if (writerCount < 1) {
      throw new IllegalArgumentException("writer connections must be at least 1, got " + writerCount);
    }
    this.maintenance = maintenance;
    // What is made here holds the database open: a failure part-way closes it before rethrowing.
    List<AutoCloseable> made = new ArrayList<>();
    try {
      this.readers = new ReaderPool(maintenance, readerCount);
      made.add(readers);
      this.dictionaries = (DuckDBConnection) maintenance.duplicate();
      made.add(dictionaries);
      Dictionary nodes = Dictionary.load(dictionaries, "nodes", "node_id", "name", "institution");
      Dictionary tools = Dictionary.load(dictionaries, "tools", "tool_id", "name");
      Dictionary keys = Dictionary.load(dictionaries, "anon_keys", "key_id", "name");
      List<BatchWriter> batchWriters = new ArrayList<>();
      for (int i = 0; i < writerCount; i++) {
        DuckDBConnection c = (DuckDBConnection) maintenance.duplicate();
        made.add(c);
        batchWriters.add(new BatchWriter(c, nodes, tools, keys));
      }
      this.writers = new Pool<>(batchWriters);
    } catch (SQLException | RuntimeException e) {
      made.forEach(DuckDbStore::closeQuietly);
      throw e;
    }
    this.queries = new DuckDbQueries(readers);
    this.top = new TopQueries(readers);
  }

  /**
   * Opens (creating if needed) the store at {@code file} and migrates its schema.
   *
   * @param memoryLimit DuckDB's memory limit, e.g. {@code "1GB"}
   * @param readerCount connections for concurrent queries
   * @throws StoreException when the file cannot be opened or migrated (the message names it)
   */
  public static DuckDbStore open(Path file, String memoryLimit, int readerCount) {
    return open(file, memoryLimit, readerCount, DEFAULT_WRITERS);
  }

  /**
   * {@link #open(Path, String, int)} with {@code writerCount} connections appending batches at once.
   */
  public static DuckDbStore open(Path file, String memoryLimit, int readerCount, int writerCount) {
    Objects.requireNonNull(file, "file");
    Properties props = new Properties();
    props.setProperty("memory_limit", Objects.requireNonNull(memoryLimit, "memoryLimit"));
    DuckDBConnection c = null;
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), props);
      Migrations.apply(c);
      Rollups.checkHash(c);
      return new DuckDbStore(c, readerCount, writerCount);
    } catch (Exception e) {
      closeQuietly(c);
      throw new StoreException("store " + file + " cannot be opened: " + e.getMessage(), e);
    }
  }

  /** Safe from several threads: up to {@link #concurrentAppends()} groups are appended at once. */
  @Override
  public List<AppendResult> appendAll(List<Batch> batches) {
    Batch first = batches.get(0);
    return writers.with(batches.size() + " batch(es), the first " + first.id() + " from " + first.peer().name()
        + ", storing", w -> w.appendAll(batches));
  }

  /** The writer connections. */
  @Override
  public int concurrentAppends() {
    return writers.size();
  }

  /**
   * Recounts the rollups of every dirty day, one day per transaction, beside ingest (which does not
   * wait for it). Run by the hub's jobs thread.
   *
   * @return the days recounted (fewer than were dirty when the store closed meanwhile)
   */
  public int recountRollups() {
    Set<Long> dirty;
    synchronized (maintenance) {
      if (closed) {
        return 0;
      }
      dirty = runMaintenance("dirty rollup days cannot be read", Rollups::dirtyDays);
    }
    int done = 0;
    for (long day : dirty) {
      // One day per hold of the connection: retention and close wait for a day, not a whole recount.
      synchronized (maintenance) {
        if (closed) {
          break;
        }
        runMaintenance("rollup recount", c -> Rollups.recount(c, day));
      }
      done++;
    }
    return done;
  }

  /** Runs {@code work} on the maintenance connection, one at a time; SQL errors as {@code what}. */
  private <T> T maintenance(String what, Pool.Use<DuckDBConnection, T> work) {
    synchronized (maintenance) {
      if (closed) {
        throw new StoreException(what + ": the store is closed", null);
      }
      return runMaintenance(what, work);
    }
  }

  /**
   * {@link #maintenance} for a caller that holds the lock and has seen the store open: it does not
   * look at {@code closed} again, which {@link #close} sets before it takes the lock, so that a
   * close between the caller's check and this one cannot turn a quiet stop into an error.
   */
  private <T> T runMaintenance(String what, Pool.Use<DuckDBConnection, T> work) {
    try {
      return work.run(maintenance);
    } catch (SQLException e) {
      throw new StoreException(what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public long deleteOlderThan(Instant cutoff) {
    long ns = Nanos.of(cutoff);
    return maintenance("retention delete before " + cutoff + " failed", c -> {
      try (Statement rollups = c.createStatement();
          PreparedStatement obs = c.prepareStatement("DELETE FROM observations WHERE ts_ns < ?");
          PreparedStatement batches = c.prepareStatement("DELETE FROM batches WHERE received_ns < ?")) {
        return inTransaction(c, () -> {
          obs.setLong(1, ns);
          long deleted = obs.executeLargeUpdate();
          batches.setLong(1, ns);
          batches.executeLargeUpdate();
          Rollups.retain(rollups, ns);
          return deleted;
        });
      }
    });
  }

  @Override
  public Summary summary(ObservationFilter filter, Instant now) {
    return queries.summary(filter, now);
  }

  @Override
  public List<StoredObservation> observations(ObservationFilter filter, int limit) {
    return queries.observations(filter, limit);
  }

  @Override
  public List<StoredSession> sessions(ObservationFilter filter, int limit) {
    return SessionsQuery.run(readers, filter, limit);
  }

  @Override
  public Timeseries timeseries(ObservationFilter filter, Duration bucket) {
    return queries.timeseries(filter, bucket);
  }

  @Override
  public List<PortCount> topPorts(ObservationFilter filter, int limit) {
    return top.topPorts(filter, limit);
  }

  @Override
  public List<SourcePrefix> topSources(ObservationFilter filter, int limit) {
    return top.topSources(filter, limit);
  }

  @Override
  public List<ScoredSource> scoredSources(ObservationFilter filter, String keyId, SourceScore score,
      long minScore, int limit) {
    return ScoredSourcesQuery.run(readers, filter, keyId, score, minScore, limit);
  }

  @Override
  public Map<String, NodeActivity> nodeActivity() {
    return queries.nodeActivity();
  }

  @Override
  public boolean healthy() {
    return queries.healthy();
  }

  /** The schema version the store is at. */
  public int schemaVersion() {
    return maintenance("schema version cannot be read", Migrations::current);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true; // a recount in progress stops after its day
    writers.close();
    readers.close();
    closeQuietly(dictionaries);
    synchronized (maintenance) {
      try (Statement s = maintenance.createStatement()) {
        // Fold the WAL into the file now rather than on the next open.
        s.execute("CHECKPOINT");
      } catch (SQLException e) {
        // closing anyway; the WAL replays on the next open
      }
      closeQuietly(maintenance);
    }
  }

  /** Work inside a transaction; what it returns is the transaction's result. */
  @FunctionalInterface
  interface TransactionWork<T> {
    T run() throws SQLException;
  }

  /** Work inside a transaction that has nothing to return. */
  @FunctionalInterface
  interface TransactionSteps {
    void run() throws SQLException;
  }

  /** {@link #inTransaction(Connection, TransactionWork)} for work without a result. */
  static void inTransaction(Connection c, TransactionSteps steps) throws SQLException {
    inTransaction(c, () -> {
      steps.run();
      return null;
    });
  }

  /**
   * Runs {@code work} in one transaction on {@code c}: BEGIN, the work, COMMIT. When the work or
   * the COMMIT fails, the transaction is rolled back (a failed statement aborts a DuckDB
   * transaction, and a pooled connection must not stay in one) and the failure is rethrown as it
   * was, so that its own message is the one reported.
   */
  static <T> T inTransaction(Connection c, TransactionWork<T> work) throws SQLException {
    try (Statement tx = c.createStatement()) {
      tx.execute("BEGIN TRANSACTION");
      try {
        T result = work.run();
        tx.execute("COMMIT");
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      }
    }
  }

  /** After a failed COMMIT the transaction is already gone (and its statement closed): then a no-op. */
  private static void rollbackQuietly(Connection c) {
    try (Statement s = c.createStatement()) {
      s.execute("ROLLBACK");
    } catch (SQLException ignored) {
      // no transaction left; the original error is what matters
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing: nothing left to do with the error
      }
    }
  }
}
