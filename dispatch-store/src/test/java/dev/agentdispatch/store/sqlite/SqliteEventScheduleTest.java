package dev.agentdispatch.store.sqlite;

import dev.agentdispatch.store.EventScheduleContractTest;
import dev.agentdispatch.store.facade.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteEventScheduleTest extends EventScheduleContractTest {
  @TempDir Path dir;

  @Override
  protected Store openStore() {
    return SqliteStore.open(dir.resolve("events.db"));
  }
}
