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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.portscope.hub.peer.Peer;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.wire.BatchId;

/**
 * The default store: one embedded DuckDB file. Writes (appends, retention) go through one
 * connection, one at a time; queries run on a small pool of connections to the same database and
 * see only committed transactions (DuckDB's MVCC), so the dashboard never sees half a batch.
 */
public final class DuckDbStore implements ObservationStore {
  private final DuckDBConnection writer;
  private final ReaderPool readers;
  private final DuckDbQueries queries;
  private final PreparedStatement knownBatch;
  private final PreparedStatement recordBatch;

  private DuckDbStore(DuckDBConnection writer, int readerCount) throws SQLException {
    this.writer = writer;
    this.readers = new ReaderPool(writer, readerCount);
    this.queries = new DuckDbQueries(readers);
    this.knownBatch = writer.prepareStatement("SELECT 1 FROM batches WHERE batch_id = ?");
    this.recordBatch = writer.prepareStatement("INSERT INTO batches "
        + "(batch_id, institution, node, received_ns, observations) VALUES (?, ?, ?, ?, ?)");
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
      return new DuckDbStore(c, readerCount);
    } catch (Exception e) {
      closeQuietly(c);
      throw new StoreException("store " + file + " cannot be opened: " + e.getMessage(), e);
    }
  }

  @Override
  public AppendResult append(BatchId id, Peer peer, List<Observation> observations, Instant receivedAt) {
    synchronized (writer) {
      try (Statement tx = writer.createStatement()) {
        tx.execute("BEGIN TRANSACTION");
        try {
          AppendResult result = appendInTransaction(id, peer, observations, receivedAt);
          tx.execute(result == AppendResult.STORED ? "COMMIT" : "ROLLBACK");
          return result;
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(tx);
          throw e;
        }
      } catch (SQLException e) {
        throw new StoreException("batch " + id + " from " + peer.name() + " was not stored: "
            + e.getMessage(), e);
      }
    }
  }

  private AppendResult appendInTransaction(BatchId id, Peer peer, List<Observation> observations,
      Instant receivedAt) throws SQLException {
    UUID key = new UUID(id.hi(), id.lo());
    knownBatch.setObject(1, key);
    try (ResultSet rs = knownBatch.executeQuery()) {
      if (rs.next()) {
        return AppendResult.DUPLICATE;
      }
    }
    recordBatch.setObject(1, key);
    recordBatch.setString(2, peer.institution());
    recordBatch.setString(3, peer.name());
    recordBatch.setLong(4, Nanos.of(receivedAt));
    recordBatch.setInt(5, observations.size());
    recordBatch.executeUpdate();
    try (DuckDBAppender a = writer.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "observations")) {
      for (Observation o : observations) {
        ObservationRows.append(a, peer, o);
      }
    }
    return AppendResult.STORED;
  }

  @Override
  public long deleteOlderThan(Instant cutoff) {
    long ns = Nanos.of(cutoff);
    synchronized (writer) {
      try (PreparedStatement obs = writer.prepareStatement("DELETE FROM observations WHERE ts_ns < ?");
          PreparedStatement batches = writer.prepareStatement("DELETE FROM batches WHERE received_ns < ?")) {
        obs.setLong(1, ns);
        long deleted = obs.executeLargeUpdate();
        batches.setLong(1, ns);
        batches.executeLargeUpdate();
        return deleted;
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
  public Timeseries timeseries(ObservationFilter filter, Duration bucket) {
    return queries.timeseries(filter, bucket);
  }

  @Override
  public List<PortCount> topPorts(ObservationFilter filter, int limit) {
    return queries.topPorts(filter, limit);
  }

  @Override
  public List<SourcePrefix> topSources(ObservationFilter filter, int limit) {
    return queries.topSources(filter, limit);
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
