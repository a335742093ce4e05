package dev.agentdispatch.store.sqlite;

import dev.agentdispatch.store.TaskRetentionContractTest;
import dev.agentdispatch.store.facade.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteTaskRetentionTest extends TaskRetentionContractTest {
  @TempDir Path dir;

  @Override
  protected Store openStore() {
    return SqliteStore.open(dir.resolve("tasks.db"));
  }
}
