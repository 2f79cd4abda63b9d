package org.portscope.hub.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a store's schema to the version this hub expects. Migrations are numbered SQL scripts on
 * the class path ({@code db/migration/1.sql}, {@code 2.sql}, …; the first line is a {@code --}
 * comment describing it); each runs in its own transaction together with the row that records it in
 * {@code schema_version}, so a crash leaves the store at one version or the next, never between.
 * Scripts are never edited once released: a change is a new script.
 */
final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
  private static final String FOLDER = "db/migration/";

  private Migrations() {}

  /** The newest version on the class path. */
  static int latest() {
    int v = 0;
    while (Migrations.class.getClassLoader().getResource(FOLDER + (v + 1) + ".sql") != null) {
      v++;
    }
    return v;
  }

  /**
   * Applies every script newer than the store's version.
   *
   * @return the version the store is at afterwards
   * @throws SQLException when a script fails (its transaction is rolled back)
   * @throws IllegalStateException when the store is newer than this hub
   */
  static int apply(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
          + "description VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
    }
    int current = current(c);
    int latest = latest();
    if (current > latest) {
      throw new IllegalStateException("the store is at schema version " + current
          + ", newer than this hub knows (" + latest + "): run a newer hub");
    }
    for (int v = current + 1; v <= latest; v++) {
      String script = script(v);
      String description = script.lines().findFirst().orElse("").replaceFirst("^--\\s*", "").trim();
      int version = v;
      try (Statement s = c.createStatement();
          PreparedStatement p = c.prepareStatement(
              "INSERT INTO schema_version (version, description) VALUES (?, ?)")) {
        DuckDbStore.inTransaction(c, () -> {
          s.execute(script);
          p.setInt(1, version);
          p.setString(2, description);
          p.executeUpdate();
        });
      } catch (SQLException e) {
        throw new SQLException("migration " + v + " (" + description + ") failed: " + e.getMessage(), e);
      }
      LOG.info("store schema migrated to version {}: {}", v, description);
    }
    return latest;
  }

  static int current(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static String script(int version) {
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(FOLDER + version + ".sql")) {
      if (in == null) {
        throw new IllegalStateException("migration script " + FOLDER + version + ".sql is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("migration script " + version + " cannot be read", e);
    }
  }
}
