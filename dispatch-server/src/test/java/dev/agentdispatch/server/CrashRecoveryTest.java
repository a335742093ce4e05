package dev.agentdispatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.worker.Worker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Durability: kill -9 the server with invocations pending and running, restart it on the same file:
 * every accepted invocation is still there and completes exactly once.
 */
class CrashRecoveryTest {
  private static final String NS = "/v1/namespaces/default";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final int TOTAL = 60;

  @TempDir Path dir;

  @Test
  void acceptedWorkSurvivesAKillAndCompletesExactlyOnce() throws Exception {
    Path db = dir.resolve("crash.db");
    List<String> ids = new ArrayList<>();
    List<String> completedBeforeCrash = new ArrayList<>();
    try (ServerProcess first = ServerProcess.start(db)) {
      registerAgent(first.url());
      for (int i = 0; i < TOTAL; i++) {
        ids.add(
            post(
                    first.url(),
                    NS + "/invocations",
                    "{\"agent\":\"tester\",\"function\":\"echo\",\"payload\":{\"text\":\"t"
                        + i
                        + "\"},\"retry\":{\"initial_backoff_ms\":10,\"max_backoff_ms\":50}}")
                .path("invocation_id")
                .asString());
      }
      JsonNode leases =
          post(
                  first.url(),
                  NS + "/workers/lease",
                  "{\"worker_id\":\"doomed\",\"agent\":\"tester\",\"max\":10,\"lease_seconds\":2}")
              .path("leases");
      assertThat(leases).hasSize(10);
      for (int i = 0; i < 5; i++) {
        JsonNode lease = leases.get(i);
        post(
            first.url(),
            NS + "/workers/complete",
            "{\"worker_id\":\"doomed\",\"results\":[{\"lease_id\":\""
                + lease.path("lease_id").asString()
                + "\",\"status\":\"completed\",\"result\":{\"text\":\"before crash\"}}]}");
        completedBeforeCrash.add(lease.path("invocation_id").asString());
      }
      first.kill();
    }

    try (ServerProcess second = ServerProcess.start(db)) {
      for (String id : ids) {
        assertThat(get(second.url(), NS + "/invocations/" + id).path("invocation_id").asString())
            .isEqualTo(id);
      }
      TestAgent agent = new TestAgent();
      DispatchClient client = DispatchClient.builder().baseUrl(second.url()).build();
      try (Worker worker =
          Worker.builder()
              .client(client)
              .agent(TestAgent.NAME)
              .register(agent)
              .concurrency(16)
              .pollWait(Duration.ofSeconds(1))
              .gracePeriod(Duration.ofSeconds(2))
              .build()) {
        worker.start();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() ->
                ids.stream()
                    .allMatch(id ->
                        get(second.url(), NS + "/invocations/" + id)
                            .path("status")
                            .asString()
                            .equals("completed")));
      }
      for (int i = 0; i < TOTAL; i++) {
        String id = ids.get(i);
        boolean doneBefore = completedBeforeCrash.contains(id);
        assertThat(agent.calls("t" + i)).as("runs of t%d", i).isEqualTo(doneBefore ? 0 : 1);
        JsonNode events = get(second.url(), NS + "/invocations/" + id + "/events").path("items");
        long completions = 0;
        for (JsonNode e : events) {
          if (e.path("data").path("event").asString().equals("completed")) {
            completions++;
          }
        }
        assertThat(completions).as("completions of %s", id).isEqualTo(1);
      }
    }
  }

  private static void registerAgent(String url) throws Exception {
    send(
        "PUT",
        url,
        NS + "/agents/tester",
        "{\"functions\":[{\"name\":\"echo\",\"input_schema\":{\"type\":\"object\"}}]}");
  }

  private static JsonNode post(String url, String path, String body) throws Exception {
    return send("POST", url, path, body);
  }

  private static JsonNode get(String url, String path) {
    try {
      return send("GET", url, path, null);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode send(String method, String url, String path, String body)
      throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(url + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> resp = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() >= 300) {
      throw new IllegalStateException(
          method + " " + path + " -> " + resp.statusCode() + " " + resp.body());
    }
    return TestServer.JSON.readTree(resp.body());
  }
}
