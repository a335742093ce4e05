package dev.agentdispatch.store.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens dedicated (non-pooled) connections, for LISTEN and the leader lock, which must not be
 * shared.
 */
final class PgConnections {
  private final PostgresUrl url;

  PgConnections(PostgresUrl url) {
    this.url = url;
  }

  Connection open() throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", url.user());
    url.password().ifPresent(p -> props.setProperty("password", p));
    props.setProperty("connectTimeout", "5");
    props.setProperty("tcpKeepAlive", "true");
    props.setProperty("socketTimeout", String.valueOf(PostgresStore.SOCKET_TIMEOUT_SECONDS));
    props.setProperty("ApplicationName", "agent-dispatch");
    return DriverManager.getConnection(url.jdbcUrl(), props);
  }
}
