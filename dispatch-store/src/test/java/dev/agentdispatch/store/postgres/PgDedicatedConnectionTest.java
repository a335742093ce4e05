package dev.agentdispatch.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PgDedicatedConnectionTest {
  @Test
  void aLostConnectionFailsOneUseAndTheNextUseOpensAndPreparesANewOne() throws Exception {
    PgConnections connections = new PgConnections(PostgresUrl.parse(PgTestDatabase.requireUrl()));
    AtomicInteger prepared = new AtomicInteger();
    try (PgDedicatedConnection dedicated =
        new PgDedicatedConnection(connections, c -> prepared.incrementAndGet())) {
      int first = dedicated.use(PgDedicatedConnectionTest::backendPid);
      assertThat(dedicated.use(PgDedicatedConnectionTest::backendPid)).isEqualTo(first);
      assertThat(prepared).hasValue(1);

      try (Connection admin = connections.open();
          Statement st = admin.createStatement()) {
        st.execute("SELECT pg_terminate_backend(" + first + ")");
      }
      assertThatThrownBy(() -> dedicated.use(PgDedicatedConnectionTest::backendPid))
          .isInstanceOf(SQLException.class);

      int second = dedicated.use(PgDedicatedConnectionTest::backendPid);
      assertThat(second).isNotEqualTo(first);
      assertThat(prepared).hasValue(2);
    }
  }

  private static int backendPid(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
