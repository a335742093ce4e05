package dev.agentdispatch.server.tasks;

import dev.agentdispatch.server.ServerConfig;
import dev.agentdispatch.server.TestServer;
import dev.agentdispatch.store.postgres.PgTestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link TaskRoutingScenarios} on PostgreSQL ({@code DISPATCH_TEST_PG_URL}; skipped with a hint
 * when unset, failing in CI).
 */
class PostgresTaskRoutingTest extends TaskRoutingScenarios {
  static String url;
  static TestServer server;

  @BeforeAll
  static void start() {
    url = PgTestDatabase.freshSchemaUrl();
    server =
        TestServer.start(
            ServerConfig.defaults()
                .withPort(0)
                .withDb(url)
                .withSweepInterval(Duration.ofMillis(100)));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (url != null) {
      PgTestDatabase.dropSchema(url);
    }
  }

  @Override
  TestServer server() {
    return server;
  }
}
