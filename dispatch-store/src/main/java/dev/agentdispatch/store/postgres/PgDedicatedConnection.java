package dev.agentdispatch.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One dedicated (non-pooled) connection that is opened when first used and dropped as soon as using
 * it fails, so the next use opens a fresh one. The LISTEN thread, the notifier thread and the
 * leader lock each hold one: their session state (LISTEN registrations, the advisory lock) must not
 * leak into a pool. Not thread-safe: each owner uses it from one thread, or under its own lock.
 */
final class PgDedicatedConnection implements AutoCloseable {
  /** Prepares a newly opened connection (LISTEN, auto-commit off...) before its first use. */
  @FunctionalInterface
  interface Setup {
    void prepare(Connection connection) throws SQLException;
  }

  /** Work on the connection. */
  @FunctionalInterface
  interface Use<T> {
    T on(Connection connection) throws SQLException;
  }

  private final PgConnections connections;
  private final Setup setup;
  private Connection connection;

  PgDedicatedConnection(PgConnections connections, Setup setup) {
    this.connections = connections;
    this.setup = setup;
  }

  /**
   * Runs {@code work} on the connection, opening (and preparing) it first if there is none. Any
   * failure, of opening or of the work, drops the connection (a session broken or in an unknown
   * state is never reused) and is rethrown.
   */
  <T> T use(Use<T> work) throws SQLException {
    try {
      if (connection == null) {
        connection = connections.open();
        setup.prepare(connection);
      }
      return work.on(connection);
    } catch (SQLException e) {
      close();
      throw e;
    }
  }

  /** Closes the connection, if open; the next {@link #use} opens a new one. */
  @Override
  public void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // already broken
      }
      connection = null;
    }
  }
}
