package dev.agentdispatch.store.postgres;

import dev.agentdispatch.store.SessionStoreContractTest;
import dev.agentdispatch.store.facade.Store;
import org.junit.jupiter.api.AfterEach;

/** The session and memory contract on a real PostgreSQL server. */
class PostgresSessionStoreTest extends SessionStoreContractTest {
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
