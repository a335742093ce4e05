package dev.agentdispatch.server.tasks;

import dev.agentdispatch.server.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** {@link TaskRoutingScenarios} on SQLite. */
class SqliteTaskRoutingTest extends TaskRoutingScenarios {
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Override
  TestServer server() {
    return server;
  }
}
