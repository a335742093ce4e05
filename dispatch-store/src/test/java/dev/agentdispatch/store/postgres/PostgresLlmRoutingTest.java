package dev.agentdispatch.store.postgres;

import dev.agentdispatch.store.LlmRoutingContractTest;
import dev.agentdispatch.store.facade.Store;
import org.junit.jupiter.api.AfterEach;

class PostgresLlmRoutingTest extends LlmRoutingContractTest {
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
