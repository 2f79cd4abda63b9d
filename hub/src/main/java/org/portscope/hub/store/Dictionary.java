package org.portscope.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names to small ids for one dictionary table ({@code nodes}, {@code tools}, {@code anon_keys}).
 * Used by the writer only, under the store's write lock. New names are inserted inside the append's
 * transaction and become part of the cache only when that commits, so a rollback leaves no id
 * behind that the database does not have.
 */
final class Dictionary {
  private final String table;
  private final String idColumn;
  private final List<String> keyColumns;
  private final Map<String, Short> ids = new HashMap<>();
  private final Map<String, Short> pending = new HashMap<>();
  private short next;

  private Dictionary(String table, String idColumn, List<String> keyColumns) {
    this.table = table;
    this.idColumn = idColumn;
    this.keyColumns = keyColumns;
  }

  static Dictionary load(Connection c, String table, String idColumn, String... keyColumns) throws SQLException {
    Dictionary d = new Dictionary(table, idColumn, List.of(keyColumns));
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
  short id(Connection writer, String name) throws SQLException {
    Short id = ids.get(name);
    return id != null ? id : id(writer, new String[] {name});
  }

  /** The id of {@code key} (one value per key column), inserting it in the current transaction when new. */
  short id(Connection writer, String... key) throws SQLException {
    String k = joined(key);
    Short id = ids.get(k);
    if (id == null) {
      id = pending.get(k);
    }
    if (id != null) {
      return id;
    }
    if (next == Short.MAX_VALUE) {
      throw new SQLException(table + " is full (" + Short.MAX_VALUE + " names)");
    }
    short fresh = (short) (next + pending.size());
    String sql = "INSERT INTO " + table + " (" + idColumn + ", " + String.join(", ", keyColumns)
        + ") VALUES (?" + ", ?".repeat(keyColumns.size()) + ")";
    try (PreparedStatement p = writer.prepareStatement(sql)) {
      p.setShort(1, fresh);
      for (int i = 0; i < key.length; i++) {
        p.setString(2 + i, key[i]);
      }
      p.executeUpdate();
    }
    pending.put(k, fresh);
    return fresh;
  }

  private static String joined(String[] key) {
    return key.length == 1 ? key[0] : String.join("\u0000", key);
  }

  /** The transaction committed: its new names are real. */
  void committed() {
    ids.putAll(pending);
    next += (short) pending.size();
    pending.clear();
  }

  /** The transaction rolled back: forget its new names. */
  void rolledBack() {
    pending.clear();
  }
}
