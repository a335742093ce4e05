package dev.agentdispatch.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.core.auth.ApiKey;
import dev.agentdispatch.core.auth.KeySecrets;
import dev.agentdispatch.core.auth.Role;
import dev.agentdispatch.core.id.Ids;
import dev.agentdispatch.store.facade.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * An open store must leave the file writable by others between its batches: the CLI's key commands
 * write to the file of a running server (issue 19, #4).
 */
class SqliteLockingTest {
  @TempDir Path dir;

  @Test
  void anIdleStoreHoldsNoWriteLock() throws Exception {
    Path file = dir.resolve("locks.db");
    try (Store store = SqliteStore.open(file)) {
      // One write through the store, so its writer has committed at least once.
      store
          .keys()
          .insert(
              new ApiKey(
                  Ids.uuid7(),
                  "k",
                  "adk_12345678",
                  KeySecrets.hash("secret"),
                  ApiKey.ALL_NAMESPACES,
                  Role.ADMIN,
                  Instant.now(),
                  Optional.empty()));
      SQLiteConfig config = new SQLiteConfig();
      config.setBusyTimeout(2_000);
      try (Connection other =
              DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
          Statement st = other.createStatement()) {
        st.execute("BEGIN IMMEDIATE");
        st.execute("CREATE TABLE elsewhere (n INTEGER)");
        st.execute("COMMIT");
      }
      assertThat(store.keys().list()).hasSize(1);
    }
  }
}
