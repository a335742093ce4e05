package dev.agentdispatch.store.postgres;

import dev.agentdispatch.store.SessionStoreContractTest;
import dev.agentdispatch.store.Store;
import org.junit.jupiter.api.AfterEach;

/** The session and memory contract on a real PostgreSQL server. */
class PostgresSessionStoreTest extends SessionStoreContractTest {
  private String url;

  @Override
  protected Store openStore() {
    url = PgTestDatabase.freshSchemaUrl();
    return PostgresStore.open(url);
  }

  @AfterEach
  void dropSchema() {
    if (store != null) {
      store.close();
      store = null;
    }
    if (url != null) {
      PgTestDatabase.dropSchema(url);
    }
  }
}
