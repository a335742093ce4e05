package dev.agentdispatch.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Every connection we open gives up on a stuck query or a silent socket (issue 19 #12). */
class PgTimeoutsTest {
  private final PostgresUrl url = PostgresUrl.parse(PgTestDatabase.requireUrl());

  @Test
  void pooledConnectionsEndLongStatementsAndSilentSockets() throws SQLException {
    try (HikariDataSource pool = PostgresStore.pool(url);
        Connection c = pool.getConnection()) {
      assertThat(show(c, "statement_timeout")).isEqualTo("30s");
      assertThat(c.getNetworkTimeout()).isEqualTo(PostgresStore.SOCKET_TIMEOUT_SECONDS * 1000);
    }
  }

  @Test
  void dedicatedConnectionsGiveUpOnSilentSockets() throws SQLException {
    try (Connection c = new PgConnections(url).open()) {
      assertThat(c.getNetworkTimeout()).isEqualTo(PostgresStore.SOCKET_TIMEOUT_SECONDS * 1000);
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
