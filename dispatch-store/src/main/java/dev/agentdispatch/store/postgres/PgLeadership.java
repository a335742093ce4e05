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
 *
 * <p>A node cut off from the database (a partition, a hung host) sends nothing, so PostgreSQL would
 * keep its session, and the lock, until the operating system's keep-alive gives up: two hours by
 * default, with no node leading in the meantime. The leader's session therefore carries an {@code
 * idle_session_timeout}: it is used every sweep interval, so only a node that has gone silent
 * exceeds it, and PostgreSQL then ends the session and frees the lock for another node.
 *
 * <p>The lock's key is per schema, so deployments that share a database in different schemas each
 * have their own leader.
 */
final class PgLeadership implements Leadership, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PgLeadership.class);

  /** The high half of every lock key: "Agen" in ASCII; the low half is the schema's hash. */
  private static final long LOCK_KEY_PREFIX = 0x4167656eL << 32;

  /**
   * How long the leader's session may stay silent before PostgreSQL ends it. Far above the sweep
   * interval at which the loops ask {@link #isLeader()}, so a working leader never reaches it.
   */
  static final int SILENT_LEADER_TIMEOUT_MS = 10_000;

  private static final int VALID_TIMEOUT_S = 2;

  private final PgDedicatedConnection connection;
  private final long lockKey;
  private boolean leader;

  PgLeadership(PgConnections connections, String schema) {
    this.connection = new PgDedicatedConnection(connections, PgLeadership::endWhenSilent);
    this.lockKey = lockKey(schema);
  }

  /** The advisory lock key of the deployment in {@code schema}. */
  static long lockKey(String schema) {
    return LOCK_KEY_PREFIX | (schema.hashCode() & 0xffffffffL);
  }

  static void endWhenSilent(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      // idle_session_timeout exists from PostgreSQL 14; the keep-alives also cover a dead peer on
      // older servers, though only when the network drops packets rather than holding them.
      if (c.getMetaData().getDatabaseMajorVersion() >= 14) {
        st.execute("SET idle_session_timeout = " + SILENT_LEADER_TIMEOUT_MS);
      }
      st.execute("SET tcp_keepalives_idle = 5");
      st.execute("SET tcp_keepalives_interval = 2");
      st.execute("SET tcp_keepalives_count = 3");
    }
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
        ResultSet rs = st.executeQuery("SELECT pg_try_advisory_lock(" + lockKey + ")")) {
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
