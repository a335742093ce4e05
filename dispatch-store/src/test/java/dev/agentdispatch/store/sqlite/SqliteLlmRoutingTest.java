package dev.agentdispatch.store.sqlite;

import dev.agentdispatch.store.LlmRoutingContractTest;
import dev.agentdispatch.store.facade.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteLlmRoutingTest extends LlmRoutingContractTest {
  @TempDir Path dir;

  @Override
  protected Store openStore() {
    return SqliteStore.open(dir.resolve("llm.db"));
  }
}
