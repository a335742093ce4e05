package dev.agentdispatch.server.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.server.ServerConfig;
import dev.agentdispatch.server.TestServer;
import dev.agentdispatch.store.postgres.PgTestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two nodes on one PostgreSQL database: a change made on one routes the other's calls soon. */
class LlmRoutingClusterTest {
  private static final String LLM = "/v1/namespaces/default/llm";
  private String pgUrl;

  @AfterEach
  void drop() {
    PgTestDatabase.dropSchema(pgUrl);
  }

  private TestServer node() {
    return TestServer.start(
        ServerConfig.defaults()
            .withPort(0)
            .withDb(pgUrl)
            .withSweepInterval(Duration.ofMillis(100)));
  }

  @Test
  void aProviderAddedOnOneNodeRoutesTheOthersCallsWithinSeconds() {
    pgUrl = PgTestDatabase.freshSchemaUrl();
    try (TestServer a = node();
        TestServer b = node()) {
      // b has read (and cached) the namespace's empty configuration.
      assertThat(b.get(LLM + "/route?format=openai&model=m").status()).isEqualTo(400);
      assertThat(
              a.put(LLM + "/providers/p", "{\"format\":\"openai\",\"base_url\":\"https://p.test\"}")
                  .status())
          .isEqualTo(200);
      long start = System.nanoTime();
      await()
          .atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> b.get(LLM + "/route?format=openai&model=m").status() == 200);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
      assertThat(a.send("DELETE", LLM + "/providers/p", null, null).status()).isEqualTo(204);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> b.get(LLM + "/route?format=openai&model=m").status() == 400);
    }
  }
}
