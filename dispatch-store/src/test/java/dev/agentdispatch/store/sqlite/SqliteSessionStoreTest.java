package dev.agentdispatch.store.sqlite;

import dev.agentdispatch.store.SessionStoreContractTest;
import dev.agentdispatch.store.facade.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteSessionStoreTest extends SessionStoreContractTest {
  @TempDir Path dir;

  @Override
  protected Store openStore() {
    return SqliteStore.open(dir.resolve("sessions.db"));
  }
}
