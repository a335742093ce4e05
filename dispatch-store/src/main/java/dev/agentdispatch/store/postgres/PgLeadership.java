package dev.agentdispatch.store.postgres;

import dev.agentdispatch.store.Leadership;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership through a session-level advisory lock on a dedicated connection: held for as long as the
 * session lives, released by PostgreSQL when the node dies or its connection drops, at which point another
 * node's next {@link #isLeader()} takes it.
 */
final class PgLeadership implements Leadership, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PgLeadership.class);
  /** An arbitrary, fixed key: "AgentDis" in ASCII. */
  static final long LOCK_KEY = 0x4167656e74446973L;
  private static final int VALID_TIMEOUT_S = 2;

  private final PgConnections connections;
  private Connection connection;
  private boolean leader;

  PgLeadership(PgConnections connections) {
    this.connections = connections;
  }

  @Override
  public synchronized boolean isLeader() {
    try {
      if (connection == null) {
        connection = connections.open();
      }
      if (leader) {
        if (connection.isValid(VALID_TIMEOUT_S)) {
          return true;
        }
        throw new SQLException("leader connection is no longer valid");
      }
      try (Statement st = connection.createStatement();
          ResultSet rs = st.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
        rs.next();
        leader = rs.getBoolean(1);
      }
      if (leader) {
        log.info("this node now leads the background loops");
      }
      return leader;
    } catch (SQLException e) {
      if (leader) {
        log.warn("lost leadership: {}", e.getMessage());
      }
      leader = false;
      closeConnection();
      return false;
    }
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // already broken
      }
      connection = null;
    }
  }

  @Override
  public synchronized void close() {
    leader = false;
    closeConnection();
  }
}
