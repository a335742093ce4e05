package dev.agentdispatch.server.llm;

import dev.agentdispatch.server.TestServer;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** The LLM ledger on one node over a real SQLite file. */
class SqliteLlmLedgerTest extends LlmLedgerCases {
  @TempDir static Path dir;

  @Override
  protected TestServer startNode() {
    return TestServer.start(dir);
  }

  @Override
  protected Optional<TestServer> secondNode() {
    return Optional.empty();
  }

  @Override
  protected void cleanUp() {}
}
