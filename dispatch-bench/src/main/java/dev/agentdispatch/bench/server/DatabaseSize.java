package dev.agentdispatch.bench.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;

/** The size of the server's database: the SQLite file with its WAL, or {@code pg_database_size}. */
public final class DatabaseSize {
  private DatabaseSize() {}

  public static OptionalLong bytes(String dbUrl) {
    if (dbUrl.startsWith("sqlite:")) {
      Path file = Path.of(dbUrl.substring("sqlite:".length()));
      return OptionalLong.of(
          size(file) + size(Path.of(file + "-wal")) + size(Path.of(file + "-shm")));
    }
    if (dbUrl.startsWith("postgresql://") || dbUrl.startsWith("postgres://")) {
      try (Connection c = DriverManager.getConnection(PgUrls.jdbc(dbUrl));
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT pg_database_size(current_database())")) {
        return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
      } catch (SQLException e) {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.empty();
  }

  private static long size(Path p) {
    try {
      return Files.exists(p) ? Files.size(p) : 0;
    } catch (java.io.IOException e) {
      return 0;
    }
  }
}
