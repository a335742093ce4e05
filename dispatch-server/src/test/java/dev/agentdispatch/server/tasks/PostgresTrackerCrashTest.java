package dev.agentdispatch.server.tasks;

import dev.agentdispatch.store.postgres.PgTestDatabase;
import org.junit.jupiter.api.AfterEach;

/**
 * {@link TrackerCrashTest} on PostgreSQL ({@code DISPATCH_TEST_PG_URL}; skipped with a hint when
 * unset, failing in CI).
 */
class PostgresTrackerCrashTest extends TrackerCrashTest {
  private String url;

  @Override
  String dbUrl() {
    url = PgTestDatabase.freshSchemaUrl();
    return url;
  }

  @AfterEach
  void dropSchema() {
    if (url != null) {
      PgTestDatabase.dropSchema(url);
    }
  }
}
