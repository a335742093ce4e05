package dev.agentdispatch.store.postgres;

import dev.agentdispatch.store.TaskRetentionContractTest;
import dev.agentdispatch.store.facade.Store;
import org.junit.jupiter.api.AfterEach;

class PostgresTaskRetentionTest extends TaskRetentionContractTest {
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
