package dev.agentdispatch.store.sqlite;

import dev.agentdispatch.store.LlmStoreContractTest;
import dev.agentdispatch.store.facade.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteLlmStoreTest extends LlmStoreContractTest {
  @TempDir Path dir;

  @Override
  protected Store openStore() {
    return SqliteStore.open(dir.resolve("llm.db"));
  }
}
