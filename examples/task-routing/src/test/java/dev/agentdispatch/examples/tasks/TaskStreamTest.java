package dev.agentdispatch.examples.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.worker.Worker;
import dev.agentdispatch.server.DispatchServer;
import dev.agentdispatch.server.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The example end to end against a real server: each task reaches the agent of its type. */
class TaskStreamTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("try")
  void tasksAreRoutedByTheirInferredTypeAndCompletedByTheirAgent() throws Exception {
    try (DispatchServer server =
        DispatchServer.start(
            ServerConfig.defaults()
                .withPort(0)
                .withDb("sqlite:" + dir.resolve("dispatch.db"))
                .withSweepInterval(Duration.ofMillis(100)))) {
      DispatchClient client =
          DispatchClient.builder().baseUrl("http://127.0.0.1:" + server.port()).build();
      try (Worker reviewer = Reviewer.build(client).start();
          Worker coder = Coder.build(client).start()) {
        List<JsonNode> done = TaskStream.run(client, Duration.ofSeconds(30));
        Map<String, String> agentByTitle =
            done.stream()
                .collect(
                    Collectors.toMap(
                        t -> t.path("title").asString(), t -> t.path("agent").asString()));
        assertThat(done)
            .allSatisfy(t -> assertThat(t.path("status").asString()).isEqualTo("completed"));
        assertThat(agentByTitle)
            .containsEntry(TaskStream.TITLES.get(0), "reviewer")
            .containsEntry(TaskStream.TITLES.get(1), "coder")
            .containsEntry(TaskStream.TITLES.get(2), "reviewer")
            .containsEntry(TaskStream.TITLES.get(3), "coder");
        assertThat(done.get(0).path("result").path("summary").asString())
            .contains("reviewed", "1 criteria");
      }
      // The SDK sets the namespace's task settings: here the repositories tasks may be about.
      client
          .tasks()
          .putSettings(Map.of("trackers", Map.of("github", Map.of("repos", List.of("acme/*")))));
      assertThat(client.tasks().settings().path("trackers").path("github").path("repos").toString())
          .isEqualTo("[\"acme/*\"]");
    }
  }
}
