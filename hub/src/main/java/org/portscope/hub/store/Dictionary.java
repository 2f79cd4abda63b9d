package org.portscope.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names to small ids for one dictionary table ({@code nodes}, {@code tools}, {@code anon_keys}),
 * shared by the store's writers. A new name is inserted and committed at once on the dictionary's
 * own connection, not inside the append that met it: two writers' transactions never race for the
 * same id, and an append that rolls back leaves only an unused name behind, which no query sees.
 */
final class Dictionary {
  private final Connection connection;
  private final String table;
  private final String idColumn;
  private final List<String> keyColumns;
  private final Map<String, Short> ids = new ConcurrentHashMap<>();
  private short next;

  private Dictionary(Connection connection, String table, String idColumn, List<String> keyColumns) {
    this.connection = connection;
    this.table = table;
    this.idColumn = idColumn;
    this.keyColumns = keyColumns;
  }

  /** Loads the table's names; {@code c} then serves this dictionary's inserts (autocommit). */
  static Dictionary load(Connection c, String table, String idColumn, String... keyColumns) throws SQLException {
    Dictionary d = new Dictionary(c, table, idColumn, List.of(keyColumns));
    String sql = "SELECT " + idColumn + ", " + String.join(", ", keyColumns) + " FROM " + table;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        short id = rs.getShort(1);
        String[] key = new String[keyColumns.length];
        for (int i = 0; i < keyColumns.length; i++) {
          key[i] = rs.getString(2 + i);
        }
        d.ids.put(joined(key), id);
        d.next = (short) Math.max(d.next, id + 1);
      }
    }
    return d;
  }

  /** The id of a one-column name; per row, so no allocation. */
  short id(String name) throws SQLException {
    Short id = ids.get(name);
    return id != null ? id : id(new String[] {name});
  }

  /** The id of {@code key} (one value per key column), inserting and committing it when new. */
  short id(String... key) throws SQLException {
    String k = joined(key);
    Short id = ids.get(k);
    return id != null ? id : insert(k, key);
  }

  private short insert(String joinedKey, String[] key) throws SQLException {
    // The three dictionaries share one connection, and a DuckDB connection serves one thread at a time.
    synchronized (connection) {
      return insertLocked(joinedKey, key);
    }
  }

  private short insertLocked(String joinedKey, String[] key) throws SQLException {
    Short id = ids.get(joinedKey);
    if (id != null) {
      return id;
    }
    if (next == Short.MAX_VALUE) {
      throw new SQLException(table + " is full (" + Short.MAX_VALUE + " names)");
    }
    String sql = "INSERT INTO " + table + " (" + idColumn + ", " + String.join(", ", keyColumns)
        + ") VALUES (?" + ", ?".repeat(keyColumns.size()) + ")";
    try (PreparedStatement p = connection.prepareStatement(sql)) {
      p.setShort(1, next);
      for (int i = 0; i < key.length; i++) {
        p.setString(2 + i, key[i]);
      }
      p.executeUpdate();
    }
    ids.put(joinedKey, next);
    return next++;
  }

  private static String joined(String[] key) {
    return key.length == 1 ? key[0] : String.join("\u0000", key);
  }
}
