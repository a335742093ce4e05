package dev.agentdispatch.store.postgres;

import dev.agentdispatch.store.FlowContractTest;
import dev.agentdispatch.store.facade.Store;
import org.junit.jupiter.api.AfterEach;

class PostgresFlowTest extends FlowContractTest {
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
