package dev.agentdispatch.server.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.server.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * kill -9 in the middle of a tracker dispatch: the tracker stored the assignment comment but the
 * server dies before it hears back. Restarted on the same database, the server carries out the step
 * again (the outbox item was never marked done), finds the comment's marker and posts nothing:
 * label and comment exist exactly once.
 */
class TrackerCrashTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  @Test
  void labelAndCommentExactlyOnceAcrossAKillMidDispatch() throws Exception {
    String db = dbUrl();
    try (TrackerStandIn tracker = new TrackerStandIn()) {
      Map<String, String> env =
          Map.of("DISPATCH_GITHUB_API_URL", tracker.url(), "DISPATCH_GITHUB_TOKEN", "gh-token");
      tracker.commentFaults.add(0); // store the first comment, never answer
      String taskId;
      try (ServerProcess first = ServerProcess.start(db, List.of(), env, line -> {})) {
        String ns = first.url() + "/v1/namespaces/default";
        send(
            "PUT",
            ns + "/agents/coder",
            "{\"functions\":[{\"name\":\"handle_task\"}],"
                + "\"capabilities\":[\"routine_coding\"]}");
        send(
            "POST",
            ns + "/workers/lease",
            "{\"worker_id\":\"w\",\"agent\":\"coder\",\"wait_ms\":0}");
        send("PUT", ns + "/tasks/settings", "{\"trackers\":{\"github\":{\"repos\":[\"acme/*\"]}}}");
        JsonNode task =
            send(
                "POST",
                ns + "/tasks",
                "{\"title\":\"Fix the crash bug\","
                    + "\"issue\":{\"tracker\":\"github\",\"repo\":\"acme/web\",\"number\":9}}");
        assertThat(task.path("agent").asString()).isEqualTo("coder");
        taskId = task.path("id").asString();
        assertThat(tracker.held.await(30, TimeUnit.SECONDS)).isTrue();
        first.kill();
      }
      assertThat(tracker.comments("acme/web#9")).hasSize(1);

      try (ServerProcess second = ServerProcess.start(db, List.of(), env, line -> {})) {
        String ns = second.url() + "/v1/namespaces/default";
        // The restarted leader re-runs the step: it reads the comments and stops there.
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() ->
                tracker.requests.stream()
                        .filter(r -> r.method().equals("GET") && r.path().contains("/comments"))
                        .count()
                    >= 2);
        Thread.sleep(1500); // a few more outbox passes: nothing more may be posted
        assertThat(tracker.comments("acme/web#9")).hasSize(1);
        assertThat(tracker.comments("acme/web#9").get(0)).contains("task=" + taskId);
        assertThat(tracker.labels.get("acme/web#9")).containsExactly("coder-ready");
        assertThat(send("GET", ns + "/tasks/" + taskId, null).path("status").asString())
            .isEqualTo("assigned");
      }
    }
  }

  /** The database both server processes use: a SQLite file here. */
  String dbUrl() {
    return "sqlite:" + dir.resolve("dispatch.db");
  }

  private static JsonNode send(String method, String url, String body) throws Exception {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> resp = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(resp.statusCode()).as(resp.body()).isLessThan(300);
    return JSON.readTree(resp.body());
  }
}
