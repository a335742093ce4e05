package dev.agentdispatch.store.postgres;

import dev.agentdispatch.store.facade.Store;
import java.util.ArrayList;
import java.util.List;

/** Opens PostgreSQL stores on fresh schemas for a test, and drops those schemas afterwards. */
final class PgFreshStores {
  private final List<String> urls = new ArrayList<>();

  /** A store on a new, empty schema. */
  Store open() {
    String url = PgTestDatabase.freshSchemaUrl();
    urls.add(url);
    return PostgresStore.open(url);
  }

  /** Another store on the first schema this fixture opened (a second node). */
  Store openAnotherNode() {
    return PostgresStore.open(urls.get(0));
  }

  /**
   * Closes {@code store} (if open) and drops every schema made; returns null for the test's field.
   */
  Store closeAndDrop(Store store) {
    if (store != null) {
      store.close();
    }
    urls.forEach(PgTestDatabase::dropSchema);
    urls.clear();
    return null;
  }
}
