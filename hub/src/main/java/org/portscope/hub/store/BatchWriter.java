package org.portscope.hub.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.portscope.sensor.api.Observation;

/**
 * One of the store's ingest connections: appends a group of batches, their ledger rows and the
 * dirty marks of the days they touch in one transaction. Several writers append at once; their
 * transactions only insert, into tables without a key they could both write (the batch ledger's key
 * is a random batch id: the same batch in two writers fails the second commit, and the caller's
 * one-by-one retry then finds it stored).
 */
final class BatchWriter implements AutoCloseable {
  private final DuckDBConnection connection;
  private final PreparedStatement knownBatch;
  private final PreparedStatement recordBatch;
  private final Dictionary nodes;
  private final Dictionary tools;
  private final Dictionary keys;

  BatchWriter(DuckDBConnection connection, Dictionary nodes, Dictionary tools, Dictionary keys) throws SQLException {
    this.connection = connection;
    this.knownBatch = connection.prepareStatement("SELECT 1 FROM batches WHERE batch_id = ?");
    this.recordBatch = connection.prepareStatement("INSERT INTO batches "
        + "(batch_id, node_id, received_ns, observations, reported_nodes) VALUES (?, ?, ?, ?, ?)");
    this.nodes = nodes;
    this.tools = tools;
    this.keys = keys;
  }

  List<AppendResult> appendAll(List<Batch> batches) throws SQLException {
    return DuckDbStore.inTransaction(connection, () -> {
      List<AppendResult> results = new ArrayList<>(batches.size());
      Set<Long> days = new TreeSet<>();
      for (Batch b : batches) {
        results.add(append(b, days));
      }
      Rollups.markDirty(connection, days);
      return results;
    });
  }

  private AppendResult append(Batch b, Set<Long> days) throws SQLException {
    UUID key = new UUID(b.id().hi(), b.id().lo());
    knownBatch.setObject(1, key);
    try (ResultSet rs = knownBatch.executeQuery()) {
      if (rs.next()) {
        return AppendResult.DUPLICATE;
      }
    }
    short node = nodes.id(b.peer().name(), b.peer().institution());
    Set<String> reported = new TreeSet<>();
    long lastDay = Long.MIN_VALUE;
    try (DuckDBAppender a = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "observations")) {
      for (Observation o : b.observations()) {
        reported.add(o.node());
        long day = Rollups.day(o.timestampNanos());
        if (day != lastDay) {
          days.add(day);
          lastDay = day;
        }
        Short tool = o.fingerprint() == null ? null : tools.id(o.fingerprint().tool());
        Short anonKey = o.anonKeyId() == null ? null : keys.id(o.anonKeyId());
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

  @Override
  public void close() throws SQLException {
    try {
      knownBatch.close();
      recordBatch.close();
    } finally {
      connection.close();
    }
  }
}
