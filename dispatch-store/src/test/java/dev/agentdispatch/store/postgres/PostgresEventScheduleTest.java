package dev.agentdispatch.store.postgres;

import dev.agentdispatch.store.EventScheduleContractTest;
import dev.agentdispatch.store.Store;
import org.junit.jupiter.api.AfterEach;

class PostgresEventScheduleTest extends EventScheduleContractTest {
  private String url;

  @Override
  protected Store openStore() {
    url = PgTestDatabase.freshSchemaUrl();
    return PostgresStore.open(url);
  }

  @AfterEach
  void drop() {
    if (store != null) {
      store.close();
      store = null;
    }
    if (url != null) {
      PgTestDatabase.dropSchema(url);
    }
  }
}
