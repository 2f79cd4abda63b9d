package org.portscope.hub.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import java.util.TreeSet;
import java.util.UUID;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.portscope.sensor.api.Observation;

/**
 * The default store: one embedded DuckDB file. Writes (appends, retention) go through one
 * connection, one at a time; queries run on a small pool of connections to the same database and
 * see only committed transactions (DuckDB's MVCC), so the dashboard never sees half a batch.
 */
public final class DuckDbStore implements ObservationStore {
  private final DuckDBConnection writer;
  private final ReaderPool readers;
  private final DuckDbQueries queries;
  private final TopQueries top;
  private final PreparedStatement knownBatch;
  private final PreparedStatement recordBatch;
  private final Dictionary nodes;
  private final Dictionary tools;
  private final Dictionary keys;

  private DuckDbStore(DuckDBConnection writer, int readerCount) throws SQLException {
    this.writer = writer;
    this.readers = new ReaderPool(writer, readerCount);
    this.queries = new DuckDbQueries(readers);
    this.top = new TopQueries(readers);
    this.knownBatch = writer.prepareStatement("SELECT 1 FROM batches WHERE batch_id = ?");
    this.recordBatch = writer.prepareStatement("INSERT INTO batches "
        + "(batch_id, node_id, received_ns, observations, reported_nodes) VALUES (?, ?, ?, ?, ?)");
    this.nodes = Dictionary.load(writer, "nodes", "node_id", "name", "institution");
    this.tools = Dictionary.load(writer, "tools", "tool_id", "name");
    this.keys = Dictionary.load(writer, "anon_keys", "key_id", "name");
  }


  /**
   * Opens (creating if needed) the store at {@code file} and migrates its schema.
   *
   * @param memoryLimit DuckDB's memory limit, e.g. {@code "1GB"}
   * @param readerCount connections for concurrent queries
   * @throws StoreException when the file cannot be opened or migrated (the message names it)
   */
  public static DuckDbStore open(Path file, String memoryLimit, int readerCount) {
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
      return new DuckDbStore(c, readerCount);
    } catch (Exception e) {
      closeQuietly(c);
      throw new StoreException("store " + file + " cannot be opened: " + e.getMessage(), e);
    }
  }

  @Override
  public List<AppendResult> appendAll(List<Batch> batches) {
    synchronized (writer) {
      try (Statement tx = writer.createStatement()) {
        tx.execute("BEGIN TRANSACTION");
        try {
          List<AppendResult> results = new ArrayList<>(batches.size());
          Set<Long> days = new TreeSet<>();
          for (Batch b : batches) {
            results.add(appendInTransaction(b, days));
          }
          Rollups.markDirty(writer, days);
          tx.execute("COMMIT");
          dictionaries(true);
          return results;
        } catch (SQLException | RuntimeException e) {
          dictionaries(false);
          rollbackQuietly(tx);
          throw e;
        }
      } catch (SQLException e) {
        throw new StoreException(batches.size() + " batch(es), the first " + batches.get(0).id() + " from "
            + batches.get(0).peer().name() + ", were not stored: " + e.getMessage(), e);
      }
    }
  }

  private AppendResult appendInTransaction(Batch b, Set<Long> days) throws SQLException {
    UUID key = new UUID(b.id().hi(), b.id().lo());
    knownBatch.setObject(1, key);
    try (ResultSet rs = knownBatch.executeQuery()) {
      if (rs.next()) {
        return AppendResult.DUPLICATE;
      }
    }
    short node = nodes.id(writer, b.peer().name(), b.peer().institution());
    Set<String> reported = new TreeSet<>();
    long lastDay = Long.MIN_VALUE;
    try (DuckDBAppender a = writer.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "observations")) {
      for (Observation o : b.observations()) {
        reported.add(o.node());
        long day = Rollups.day(o.timestampNanos());
        if (day != lastDay) {
          days.add(day);
          lastDay = day;
        }
        Short tool = o.fingerprint() == null ? null : tools.id(writer, o.fingerprint().tool());
        Short anonKey = o.anonKeyId() == null ? null : keys.id(writer, o.anonKeyId());
        ObservationRows.append(a, node, tool, anonKey, o);
      }
    }
    recordBatch.setObject(1, key);
    recordBatch.setShort(2, node);
    recordBatch.setLong(3, Nanos.of(b.receivedAt()));
    recordBatch.setInt(4, b.observations().size());
    recordBatch.setString(5, String.join(",", reported));
    recordBatch.executeUpdate();
    return AppendResult.STORED;
  }

  /**
   * Recounts the rollups of every dirty day, one day per transaction, taking the writer for each
   * day only (ingest waits for one day's recount at most). Run by the hub's jobs thread.
   *
   * @return the days recounted
   */
  public int recountRollups() {
    Set<Long> dirty;
    synchronized (writer) {
      try {
        dirty = Rollups.dirtyDays(writer);
      } catch (SQLException e) {
        throw new StoreException("dirty rollup days cannot be read: " + e.getMessage(), e);
      }
    }
    for (long day : dirty) {
      synchronized (writer) {
        try {
          Rollups.recount(writer, day);
        } catch (SQLException e) {
          throw new StoreException(e.getMessage(), e);
        }
      }
    }
    return dirty.size();
  }

  private void dictionaries(boolean committed) {
    for (Dictionary d : List.of(nodes, tools, keys)) {
      if (committed) {
        d.committed();
      } else {
        d.rolledBack();
      }
    }
  }

  @Override
  public long deleteOlderThan(Instant cutoff) {
    long ns = Nanos.of(cutoff);
    synchronized (writer) {
      try (Statement tx = writer.createStatement();
          PreparedStatement obs = writer.prepareStatement("DELETE FROM observations WHERE ts_ns < ?");
          PreparedStatement batches = writer.prepareStatement("DELETE FROM batches WHERE received_ns < ?")) {
        tx.execute("BEGIN TRANSACTION");
        try {
          obs.setLong(1, ns);
          long deleted = obs.executeLargeUpdate();
          batches.setLong(1, ns);
          batches.executeLargeUpdate();
          Rollups.retain(tx, ns);
          tx.execute("COMMIT");
          return deleted;
        } catch (SQLException e) {
          rollbackQuietly(tx);
          throw e;
        }
      } catch (SQLException e) {
        throw new StoreException("retention delete before " + cutoff + " failed: " + e.getMessage(), e);
      }
    }
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
    synchronized (writer) {
      try {
        return Migrations.current(writer);
      } catch (SQLException e) {
        throw new StoreException("schema version cannot be read: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public void close() {
    synchronized (writer) {
      readers.close();
      try (Statement s = writer.createStatement()) {
        // Fold the WAL into the file now rather than on the next open.
        s.execute("CHECKPOINT");
      } catch (SQLException e) {
        // closing anyway; the WAL replays on the next open
      }
      closeQuietly(knownBatch);
      closeQuietly(recordBatch);
      closeQuietly(writer);
    }
  }

  private static void rollbackQuietly(Statement tx) {
    try {
      tx.execute("ROLLBACK");
    } catch (SQLException ignored) {
      // the transaction is already gone; the original error is what matters
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
