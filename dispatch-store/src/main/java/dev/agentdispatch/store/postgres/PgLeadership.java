package dev.agentdispatch.store.postgres;

import dev.agentdispatch.store.Leadership;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership through a session-level advisory lock on a dedicated connection: held for as long as
 * the session lives, released by PostgreSQL when the node dies or its connection drops, at which
 * point another node's next {@link #isLeader()} takes it.
 */
final class PgLeadership implements Leadership, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PgLeadership.class);

  /** An arbitrary, fixed key: "AgentDis" in ASCII. */
  static final long LOCK_KEY = 0x4167656e74446973L;

  private static final int VALID_TIMEOUT_S = 2;

  private final PgDedicatedConnection connection;
  private boolean leader;

  PgLeadership(PgConnections connections) {
    this.connection = new PgDedicatedConnection(connections, c -> {});
  }

  @Override
  public synchronized boolean isLeader() {
    try {
      return connection.use(this::holdOrTake);
    } catch (SQLException e) {
      // The connection is dropped with its session, and so is the lock if this node held it.
      if (leader) {
        log.warn("lost leadership: {}", e.getMessage());
      }
      leader = false;
      return false;
    }
  }

  private boolean holdOrTake(Connection c) throws SQLException {
    if (leader) {
      if (c.isValid(VALID_TIMEOUT_S)) {
        return true;
      }
      throw new SQLException("leader connection is no longer valid");
    }
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
      rs.next();
      leader = rs.getBoolean(1);
    }
    if (leader) {
      log.info("this node now leads the background loops");
    }
    return leader;
  }

  @Override
  public synchronized void close() {
    leader = false;
    connection.close();
  }
}
