package dev.agentdispatch.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.server.ServerConfig;
import dev.agentdispatch.server.TestServer;
import dev.agentdispatch.store.postgres.PgTestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** On PostgreSQL: the pool's own meters, NOTIFY lag, and the work counted as on SQLite. */
class PostgresMetricsTest {
  private static final String NS = "/v1/namespaces/default";
  private String url;

  @AfterEach
  void drop() {
    PgTestDatabase.dropSchema(url);
  }

  @Test
  void thePoolAndNotifyLagAreMeasured() {
    url = PgTestDatabase.freshSchemaUrl();
    try (TestServer server = TestServer.start(ServerConfig.defaults().withPort(0).withDb(url))) {
      server.put(NS + "/agents/meter", "{\"functions\":[{\"name\":\"work\"}]}");
      for (int i = 0; i < 3; i++) {
        assertThat(
                server
                    .post(
                        NS + "/invocations",
                        "{\"agent\":\"meter\",\"function\":\"work\",\"payload\":{}}")
                    .status())
            .isEqualTo(202);
      }
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(() -> {
            Scrape s = Scrape.of(server.url());
            assertThat(s.require("dispatch_invocations_accepted_total", "agent=\"meter\""))
                .isEqualTo(3.0);
            assertThat(s.require("dispatch_queue_depth", "agent=\"meter\"")).isEqualTo(3.0);
            assertThat(s.require("hikaricp_connections_max", "pool=\"dispatch-pg\"")).isPositive();
            assertThat(
                    s.require("hikaricp_connections_acquire_seconds_count", "pool=\"dispatch-pg\""))
                .isPositive();
            // This node hears its own notifications: their lag is measured.
            assertThat(s.require("dispatch_pg_notify_lag_seconds_count")).isPositive();
          });
    }
  }
}
