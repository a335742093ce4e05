package dev.agentdispatch.server.tasks;

import static dev.agentdispatch.server.tasks.TaskRoutingScenarios.agent;
import static dev.agentdispatch.server.tasks.TaskRoutingScenarios.complete;
import static dev.agentdispatch.server.tasks.TaskRoutingScenarios.create;
import static dev.agentdispatch.server.tasks.TaskRoutingScenarios.poll;
import static dev.agentdispatch.server.tasks.TaskRoutingScenarios.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.server.ServerConfig;
import dev.agentdispatch.server.TestServer;
import dev.agentdispatch.server.app.tasks.TrackerSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Tasks about tracker issues, against {@link TrackerStandIn} (GitHub and Gitea shapes): the label
 * and the assignment comment are applied exactly once even when the tracker loses an answer or
 * rate-limits, the issue's closing completes the task, and an escalation comments on the issue.
 */
class TrackerDispatchTest {
  @TempDir Path dir;

  @Test
  void labelAndCommentOnceThroughFaultsAndTheIssueClosingCompletesTheTask() throws Exception {
    try (TrackerStandIn tracker = new TrackerStandIn();
        TestServer s = start(tracker)) {
      String ns = "gh";
      assertThat(
              s.put(
                      "/v1/namespaces/gh/tasks/settings",
                      "{\"trackers\":{\"github\":{\"repos\":[\"acme/web\"]}}}")
                  .status())
          .isEqualTo(200);
      agent(s, ns, "coder", "[\"routine_coding\"]", null);
      poll(s, ns, "coder", 0);
      // The first comment is refused (429 with Retry-After: tried again after it), the second is
      // stored but its answer lost (502: the side effect is tried again later, finds its marker
      // and posts nothing): the comment exists exactly once.
      tracker.commentFaults.add(429);
      tracker.commentFaults.add(502);
      JsonNode t =
          create(
              s,
              ns,
              "{\"title\":\"Fix the signup bug\",\"description\":\"Signup fails on Safari\","
                  + "\"acceptance_criteria\":[\"works on Safari\",\"has a test\"],"
                  + "\"issue\":{\"tracker\":\"github\",\"repo\":\"acme/web\",\"number\":7}}");
      assertThat(t.path("agent").asString()).isEqualTo("coder");
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> assertThat(tracker.comments("acme/web#7")).hasSize(1));
      String comment = tracker.comments("acme/web#7").get(0);
      assertThat(comment)
          .contains(
              "Assigned to coder", "routine_coding", "- [ ] works on Safari", "- [ ] has a test")
          .contains("agent-dispatch task=" + t.path("id").asString());
      assertThat(tracker.labels.get("acme/web#7")).containsExactly("coder-ready");
      assertThat(tracker.requests)
          .filteredOn(r -> r.method().equals("POST") && r.path().endsWith("/comments"))
          .hasSize(2)
          .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer gh-token"));

      // Nothing more is posted on later passes; closing the issue completes the task.
      tracker.states.put("acme/web#7", "closed");
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() ->
              assertThat(task(s, ns, t.path("id").asString()).path("status").asString())
                  .isEqualTo("completed"));
      JsonNode closed = task(s, ns, t.path("id").asString());
      assertThat(closed.path("reason").asString()).contains("acme/web#7 was closed");
      // The agent never took its invocation: the task's end cancelled it.
      assertThat(
              s.get(closed.path("links").path("invocation").asString())
                  .body()
                  .path("status")
                  .asString())
          .isEqualTo("cancelled");
      assertThat(tracker.comments("acme/web#7")).hasSize(1);
    }
  }

  @Test
  void anEscalationCommentsOnTheGiteaIssue() throws Exception {
    try (TrackerStandIn tracker = new TrackerStandIn();
        TestServer s = start(tracker)) {
      String ns = "gt";
      assertThat(
              s.put(
                      "/v1/namespaces/gt/tasks/settings",
                      "{\"max_attempts\":1,\"trackers\":{\"gitea\":{\"repos\":[\"team/plans\"]}}}")
                  .status())
          .isEqualTo(200);
      agent(s, ns, "planner", "[\"planning\"]", null);
      poll(s, ns, "planner", 0);
      JsonNode t =
          create(
              s,
              ns,
              "{\"title\":\"Plan the Q3 roadmap\","
                  + "\"issue\":{\"tracker\":\"gitea\",\"repo\":\"team/plans\",\"number\":3}}");
      complete(s, ns, "planner", poll(s, ns, "planner", 2000).get(0), null);
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> assertThat(tracker.comments("team/plans#3")).hasSize(2));
      assertThat(tracker.comments("team/plans#3").get(1))
          .contains("Escalated", t.path("id").asString(), "all 1 attempts failed");
      assertThat(tracker.requests)
          .filteredOn(r -> r.method().equals("POST"))
          .allSatisfy(r -> {
            assertThat(r.path()).startsWith("/api/v1/repos/team/plans/issues/3/");
            assertThat(r.authorization()).isEqualTo("token gt-token");
          });
    }
  }

  @Test
  void aClosedIssueCompletesATaskAwaitingItsVerdictAndCancelsTheVerifier() throws Exception {
    try (TrackerStandIn tracker = new TrackerStandIn();
        TestServer s = start(tracker)) {
      String ns = "gv";
      assertThat(
              s.put(
                      "/v1/namespaces/gv/tasks/settings",
                      "{\"trackers\":{\"github\":{\"repos\":[\"acme/api\"]}},"
                          + "\"verifiers\":{\"routine_coding\":\"qa.verify_task\"}}")
                  .status())
          .isEqualTo(200);
      assertThat(
              s.put("/v1/namespaces/gv/agents/qa", "{\"functions\":[{\"name\":\"verify_task\"}]}")
                  .status())
          .isEqualTo(200);
      agent(s, ns, "coder", "[\"routine_coding\"]", null);
      poll(s, ns, "coder", 0);
      JsonNode t =
          create(
              s,
              ns,
              "{\"title\":\"Fix the bug\",\"task_type\":\"routine_coding\","
                  + "\"issue\":{\"tracker\":\"github\",\"repo\":\"acme/api\",\"number\":5}}");
      String id = t.path("id").asString();
      complete(s, ns, "coder", poll(s, ns, "coder", 2000).get(0), "{\"patch\":\"x\"}");
      assertThat(task(s, ns, id).path("verifying").asBoolean()).isTrue();

      // Closing is the tracker's own verdict: the task completes without the verifier's.
      tracker.states.put("acme/api#5", "closed");
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> assertThat(task(s, ns, id).path("status").asString()).isEqualTo("completed"));
      JsonNode done = task(s, ns, id);
      assertThat(done.path("reason").asString()).contains("acme/api#5 was closed");
      assertThat(done.path("result").path("issue_state").asString()).isEqualTo("closed");
      JsonNode verifier =
          s.get("/v1/namespaces/gv/invocations?agent=qa").body().path("items").get(0);
      assertThat(verifier.path("function").asString()).isEqualTo("verify_task");
      assertThat(verifier.path("status").asString()).isEqualTo("cancelled");
    }
  }

  /** The database each test's server uses: a SQLite file here. */
  String dbUrl() {
    return "sqlite:" + dir.resolve("dispatch.db");
  }

  private TestServer start(TrackerStandIn tracker) {
    return TestServer.start(
        ServerConfig.defaults()
            .withPort(0)
            .withDb(dbUrl())
            .withSweepInterval(Duration.ofMillis(100))
            .withTrackers(
                new TrackerSettings(
                    Optional.of(
                        new TrackerSettings.Tracker(
                            URI.create(tracker.url()), Optional.of("gh-token"))),
                    Optional.of(
                        new TrackerSettings.Tracker(
                            URI.create(tracker.url() + "/api/v1"), Optional.of("gt-token"))))));
  }
}
