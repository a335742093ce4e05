package dev.agentdispatch.store.sqlite;

import dev.agentdispatch.store.FlowContractTest;
import dev.agentdispatch.store.facade.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteFlowTest extends FlowContractTest {
  @TempDir Path dir;

  @Override
  protected Store openStore() {
    return SqliteStore.open(dir.resolve("flow.db"));
  }
}
