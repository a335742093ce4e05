package dev.agentdispatch.server.llm;

import dev.agentdispatch.store.postgres.PgTestDatabase;

/** The client libraries through the gateway with the server on PostgreSQL. */
class PostgresLlmProxyClientsTest extends LlmProxyClientsTest {
  private String url;

  @Override
  protected String dbUrl() {
    url = PgTestDatabase.freshSchemaUrl();
    return url;
  }

  @Override
  protected void dropDb() {
    PgTestDatabase.dropSchema(url);
  }
}
