package dev.agentdispatch.store.postgres;

import dev.agentdispatch.store.LlmStoreContractTest;
import dev.agentdispatch.store.facade.Store;
import org.junit.jupiter.api.AfterEach;

/** The LLM ledger contract on a real PostgreSQL server. */
class PostgresLlmStoreTest extends LlmStoreContractTest {
  private final PgFreshStores fresh = new PgFreshStores();

  @Override
  protected Store openStore() {
    return fresh.open();
  }

  @AfterEach
  void dropSchema() {
    store = fresh.closeAndDrop(store);
  }
}
