package dev.agentdispatch.server.llm;

import dev.agentdispatch.server.ServerConfig;
import dev.agentdispatch.server.TestServer;
import dev.agentdispatch.store.postgres.PgTestDatabase;
import java.time.Duration;
import java.util.Optional;

/**
 * The LLM ledger on a real PostgreSQL server; the concurrent budget edge runs across two nodes,
 * whose only shared state is the database.
 */
class PostgresLlmLedgerTest extends LlmLedgerCases {
  private String url;

  @Override
  protected TestServer startNode() {
    url = PgTestDatabase.freshSchemaUrl();
    return node();
  }

  private TestServer node() {
    return TestServer.start(
        ServerConfig.defaults().withPort(0).withDb(url).withSweepInterval(Duration.ofMillis(100)));
  }

  @Override
  protected Optional<TestServer> secondNode() {
    return Optional.of(node());
  }

  @Override
  protected void cleanUp() {
    PgTestDatabase.dropSchema(url);
  }
}
