package dev.agentdispatch.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every connection we open gives up on a stuck query or a silent socket (issue 19 #12). */
class PgTimeoutsTest {
  private final PostgresUrl url = PostgresUrl.parse(PgTestDatabase.requireUrl());

  @Test
  void pooledConnectionsEndLongStatementsAndSilentSockets() throws SQLException {
    try (HikariDataSource pool = PostgresStore.pool(url);
        Connection c = pool.getConnection()) {
      assertThat(show(c, "statement_timeout")).isEqualTo("30s");
      assertThat(show(c, "idle_in_transaction_session_timeout")).isEqualTo("10s");
      assertThat(c.getNetworkTimeout()).isEqualTo(PostgresStore.SOCKET_TIMEOUT_SECONDS * 1000);
    }
  }

  @Test
  void dedicatedConnectionsGiveUpOnSilentSockets() throws SQLException {
    try (Connection c = new PgConnections(url).open()) {
      assertThat(c.getNetworkTimeout()).isEqualTo(PostgresStore.SOCKET_TIMEOUT_SECONDS * 1000);
    }
  }

  /**
   * The leader's session ends when the node goes silent (a partition must not keep the lock for
   * hours), and deployments in different schemas of one database each have their own leader.
   */
  @Test
  void leadershipIsPerSchemaAndEndsWithASilentLeader() throws SQLException {
    try (PgLeadership a = new PgLeadership(new PgConnections(url), "s_one");
        PgLeadership b = new PgLeadership(new PgConnections(url), "s_two");
        PgLeadership c = new PgLeadership(new PgConnections(url), "s_one")) {
      assertThat(a.isLeader()).isTrue();
      assertThat(b.isLeader()).as("another schema has its own leader").isTrue();
      assertThat(c.isLeader()).as("the same schema has one leader").isFalse();
      assertThat(PgLeadership.lockKey("s_one")).isNotEqualTo(PgLeadership.lockKey("s_two"));
    }
    try (PgDedicatedConnection leaderSession =
        new PgDedicatedConnection(new PgConnections(url), PgLeadership::endWhenSilent)) {
      String timeout = leaderSession.use(conn -> show(conn, "idle_session_timeout"));
      assertThat(timeout).isEqualTo("10s");
    }
  }

  /** A pool whose connections all stay busy refuses the next caller as overload, not failure. */
  @Test
  void aSaturatedPoolIsOverloadAfterItsShortWait() throws SQLException {
    try (HikariDataSource pool = PostgresStore.pool(url)) {
      List<Connection> held = new ArrayList<>();
      try {
        for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
          held.add(pool.getConnection());
        }
        assertThat(pool.getConnectionTimeout()).isEqualTo(PostgresStore.POOL_WAIT_MS);
        SQLException busy = catchThrowableOfType(SQLException.class, pool::getConnection);
        assertThat(PostgresTransactor.unavailable(pool, "read", busy).overload()).isTrue();
      } finally {
        for (Connection c : held) {
          c.close();
        }
      }
      SQLException other = new SQLException("connection refused", "08001");
      assertThat(PostgresTransactor.unavailable(pool, "read", other).overload()).isFalse();
    }
  }

  private static String show(Connection c, String setting) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
