package dev.agentdispatch.runtime.sinks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;

/**
 * One SQLite connection in WAL mode, guarded by the caller's lock, with the schema-version check
 * the Python library performs ({@code techrevati_runtime_metadata}, version 1 per component; the
 * table name is kept so a database written by either implementation is readable by the other).
 */
public final class SqliteStore implements AutoCloseable {
  /** The schema version of every component this module writes. */
  public static final int SCHEMA_VERSION = 1;

  private final Connection connection;

  private SqliteStore(Connection connection) {
    this.connection = connection;
  }

  /**
   * Opens {@code path} (a file path, or {@code ":memory:"}), creates {@code ddl} if needed and
   * checks the schema version of {@code component}.
   */
  public static SqliteStore open(String path, String component, List<String> ddl) {
    Objects.requireNonNull(path, "path is null");
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + path);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA busy_timeout=5000");
        s.execute(
            "CREATE TABLE IF NOT EXISTS techrevati_runtime_metadata("
                + "component TEXT PRIMARY KEY, schema_version INTEGER NOT NULL)");
        for (String statement : ddl) {
          s.execute(statement);
        }
      }
      checkVersion(c, component);
      return new SqliteStore(c);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "could not open sqlite database " + path + ": " + e.getMessage(), e);
    }
  }

  private static void checkVersion(Connection c, String component) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT schema_version FROM techrevati_runtime_metadata WHERE component = ?")) {
      q.setString(1, component);
      try (ResultSet rs = q.executeQuery()) {
        if (rs.next()) {
          int version = rs.getInt(1);
          if (version != SCHEMA_VERSION) {
            throw new IllegalStateException(
                "unsupported sqlite schema for "
                    + component
                    + ": version "
                    + version
                    + ", expected "
                    + SCHEMA_VERSION);
          }
          return;
        }
      }
    }
    try (PreparedStatement ins =
        c.prepareStatement(
            "INSERT INTO techrevati_runtime_metadata(component, schema_version) VALUES (?, ?)")) {
      ins.setString(1, component);
      ins.setInt(2, SCHEMA_VERSION);
      ins.executeUpdate();
    }
  }

  /** The connection; callers serialise access with their own lock. */
  public Connection connection() {
    return connection;
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException("could not close sqlite database: " + e.getMessage(), e);
    }
  }
}
