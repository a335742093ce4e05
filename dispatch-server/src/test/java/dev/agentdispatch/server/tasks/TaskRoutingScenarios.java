package dev.agentdispatch.server.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.agentdispatch.server.TestServer;
import dev.agentdispatch.server.app.tasks.Hmac;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Task routing end to end over real HTTP (DESIGN §11), on whichever database {@link #server()}
 * runs: routing by inferred type, health- and load-aware selection with fallback, waiting and
 * re-routing, completion by the agent's result, retries then escalation (event and signed webhook),
 * refusals that store nothing, and tracker webhooks. Each test uses its own namespace.
 */
abstract class TaskRoutingScenarios {
  abstract TestServer server();

  private static String ns(String name) {
    return "/v1/namespaces/" + name;
  }

  /** Registers an agent serving {@code capabilities} on {@code handle_task}. */
  static void agent(TestServer s, String ns, String name, String capabilities, Integer cap) {
    String body =
        "{\"functions\":[{\"name\":\"handle_task\"}],\"capabilities\":"
            + capabilities
            + (cap == null ? "" : ",\"max_open_tasks\":" + cap)
            + "}";
    TestServer.Response r = s.put(ns(ns) + "/agents/" + name, body);
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
  }

  /** A worker poll: makes the agent healthy and returns what it leased (maybe nothing). */
  static JsonNode poll(TestServer s, String ns, String agent, int waitMs) {
    return s.post(
            ns(ns) + "/workers/lease",
            "{\"worker_id\":\"w-"
                + agent
                + "\",\"agent\":\""
                + agent
                + "\",\"max\":1,\"wait_ms\":"
                + waitMs
                + "}")
        .body()
        .path("leases");
  }

  static void complete(TestServer s, String ns, String agent, JsonNode lease, String result) {
    String leaseId = lease.path("lease_id").asString();
    String item =
        result == null
            ? "{\"lease_id\":\""
                + leaseId
                + "\",\"status\":\"error\",\"error\":{\"error\":\"no luck\",\"error_type\":\"Boom\"}}"
            : "{\"lease_id\":\""
                + leaseId
                + "\",\"status\":\"completed\",\"result\":"
                + result
                + "}";
    TestServer.Response r =
        s.post(
            ns(ns) + "/workers/complete",
            "{\"worker_id\":\"w-" + agent + "\",\"results\":[" + item + "]}");
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
  }

  static JsonNode task(TestServer s, String ns, String id) {
    return s.get(ns(ns) + "/tasks/" + id).body();
  }

  static JsonNode create(TestServer s, String ns, String body) {
    TestServer.Response r = s.post(ns(ns) + "/tasks", body);
    assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
    return r.body();
  }

  @Test
  void routesByInferredTypeAndCompletesWithTheAgentsResult() {
    TestServer s = server();
    String ns = "route";
    agent(s, ns, "reviewer", "[\"code_review\",\"refactoring\"]", null);
    agent(s, ns, "coder", "[\"routine_coding\",\"fast_iteration\"]", null);
    poll(s, ns, "reviewer", 0);
    poll(s, ns, "coder", 0);

    JsonNode review =
        create(
            s,
            ns,
            "{\"title\":\"Review the pull request for the auth module\","
                + "\"acceptance_criteria\":[\"no secrets logged\"]}");
    assertThat(review.path("task_type").asString()).isEqualTo("code_review");
    assertThat(review.path("status").asString()).as(review.toString()).isEqualTo("assigned");
    assertThat(review.path("agent").asString()).isEqualTo("reviewer");
    JsonNode fix = create(s, ns, "{\"title\":\"Fix the bug in the users endpoint\"}");
    assertThat(fix.path("task_type").asString()).isEqualTo("routine_coding");
    assertThat(fix.path("agent").asString()).isEqualTo("coder");
    JsonNode given = create(s, ns, "{\"title\":\"Anything\",\"task_type\":\"refactoring\"}");
    assertThat(given.path("agent").asString()).isEqualTo("reviewer");

    // The inference is recorded with the words it rests on.
    JsonNode shown = task(s, ns, review.path("id").asString());
    JsonNode created = shown.path("history").get(0);
    assertThat(created.path("event").asString()).isEqualTo("created");
    assertThat(created.path("reason").asString()).contains("inferred 'code_review'");
    assertThat(created.path("details").path("matched").toString())
        .contains("review", "pull request");
    assertThat(shown.path("history").toString()).contains("\"routed\"", "\"assigned\"");

    // The agent receives the task as the payload of its task function; its result completes it.
    JsonNode lease = poll(s, ns, "reviewer", 2000).get(0);
    assertThat(lease.path("function").asString()).isEqualTo("handle_task");
    String leasedTask = lease.path("payload").path("task_id").asString();
    assertThat(List.of(review.path("id").asString(), given.path("id").asString()))
        .contains(leasedTask);
    assertThat(task(s, ns, leasedTask).path("status").asString()).isEqualTo("in_progress");
    complete(s, ns, "reviewer", lease, "{\"verdict\":\"approved\"}");
    JsonNode done = task(s, ns, leasedTask);
    assertThat(done.path("status").asString()).isEqualTo("completed");
    assertThat(done.path("result").path("verdict").asString()).isEqualTo("approved");
    assertThat(done.path("links").path("invocation").asString()).contains("/invocations/");
    assertThat(
            s.get(done.path("links").path("invocation").asString())
                .body()
                .path("trace_id")
                .asString())
        .isEqualTo(done.path("links").path("trace_id").asString());
  }

  @Test
  void healthAndLoadDecideAndAWaitingTaskIsReroutedWhenAnAgentFrees() {
    TestServer s = server();
    String ns = "load";
    agent(s, ns, "a1", "[\"analysis\"]", 1);
    agent(s, ns, "a2", "[\"analysis\"]", 1);
    agent(s, ns, "a0-down", "[\"analysis\"]", null); // no worker: unhealthy
    poll(s, ns, "a1", 0);
    poll(s, ns, "a2", 0);

    String body = "{\"title\":\"Analyze the latency metrics\"}";
    JsonNode t1 = create(s, ns, body);
    JsonNode t2 = create(s, ns, body);
    assertThat(List.of(t1.path("agent").asString(), t2.path("agent").asString()))
        .containsExactlyInAnyOrder("a1", "a2");
    JsonNode t3 = create(s, ns, body);
    assertThat(t3.path("status").asString()).isEqualTo("pending");
    assertThat(t3.path("reason").asString())
        .contains("a0-down (unhealthy)", "a1 (at its cap", "a2 (at its cap");

    // a1 finishes its task: the waiting one goes to a1 without anyone asking.
    String t1Agent = t1.path("agent").asString();
    JsonNode lease = poll(s, ns, t1Agent, 2000).get(0);
    complete(s, ns, t1Agent, lease, "{}");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() ->
            assertThat(task(s, ns, t3.path("id").asString()).path("agent").asString())
                .isEqualTo(t1Agent));
  }

  @Test
  void aTaskWaitsForAnAgentAndTimesOutAtItsDeadline() {
    TestServer s = server();
    String ns = "wait";
    JsonNode t = create(s, ns, "{\"title\":\"Research vector databases\"}");
    assertThat(t.path("status").asString()).isEqualTo("pending");
    assertThat(t.path("reason").asString()).contains("no registered agent serves type 'research'");
    JsonNode late = create(s, ns, "{\"title\":\"Survey the options\",\"timeout_seconds\":1}");

    agent(s, ns, "scholar", "[\"research\"]", null);
    poll(s, ns, "scholar", 0);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() ->
            assertThat(task(s, ns, t.path("id").asString()).path("status").asString())
                .isEqualTo("assigned"));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() ->
            assertThat(task(s, ns, late.path("id").asString()).path("status").asString())
                .isEqualTo("timed_out"));
  }

  @Test
  void failuresRetryOnTheNextCandidateThenEscalateWithAnEventAndASignedWebhook()
      throws IOException {
    TestServer s = server();
    String ns = "escalate";
    List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext(
        "/hook",
        ex -> {
          String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(
              Map.of(
                  "body",
                  body,
                  "signature",
                  String.valueOf(ex.getRequestHeaders().getFirst("X-Dispatch-Signature-256"))));
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    hook.start();
    try {
      TestServer.Response settings =
          s.put(
              ns(ns) + "/tasks/settings",
              "{\"max_attempts\":2,\"backoff_seconds\":0,\"escalation_webhook\":{\"url\":\"http://127.0.0.1:"
                  + hook.getAddress().getPort()
                  + "/hook\",\"secret\":\"hook-secret-1\"}}");
      assertThat(settings.status()).as(settings.body().toString()).isEqualTo(200);
      assertThat(settings.body().path("escalation_webhook").path("secret").asString())
          .isEqualTo("set");
      agent(s, ns, "first", "[\"planning\"]", null);
      agent(s, ns, "second", "[\"planning\"]", null);
      poll(s, ns, "first", 0);
      poll(s, ns, "second", 0);

      JsonNode t = create(s, ns, "{\"title\":\"Plan the next milestone\"}");
      String id = t.path("id").asString();
      String firstAgent = t.path("agent").asString();
      complete(s, ns, firstAgent, poll(s, ns, firstAgent, 2000).get(0), null);
      // Reassigned: the retry goes to the candidate that has not tried it yet.
      String other = firstAgent.equals("first") ? "second" : "first";
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> assertThat(task(s, ns, id).path("agent").asString()).isEqualTo(other));
      complete(s, ns, other, poll(s, ns, other, 2000).get(0), null);

      JsonNode escalated = task(s, ns, id);
      assertThat(escalated.path("status").asString()).isEqualTo("escalated");
      assertThat(escalated.path("reason").asString()).contains("all 2 attempts failed", "Boom");
      assertThat(escalated.path("tried_agents").toString()).contains("first", "second");
      assertThat(
              s.get(ns(ns) + "/tasks/escalations")
                  .body()
                  .path("items")
                  .get(0)
                  .path("id")
                  .asString())
          .isEqualTo(id);

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> {
            assertThat(received).hasSize(1);
            JsonNode events = s.get(ns(ns) + "/events?topic=tasks.escalated").body().path("items");
            assertThat(events).hasSize(1);
            assertThat(events.get(0).path("payload").path("task_id").asString()).isEqualTo(id);
          });
      String body = received.get(0).get("body");
      assertThat(TestServer.JSON.readTree(body).path("task_id").asString()).isEqualTo(id);
      assertThat(received.get(0).get("signature"))
          .isEqualTo(
              "sha256=" + Hmac.sha256Hex("hook-secret-1", body.getBytes(StandardCharsets.UTF_8)));

      // A person retries it: a fresh budget, dispatched again.
      TestServer.Response retried = s.post(ns(ns) + "/tasks/" + id + "/retry", "");
      assertThat(retried.status()).as(retried.body().toString()).isEqualTo(200);
      assertThat(retried.body().path("status").asString()).isEqualTo("assigned");
      assertThat(s.post(ns(ns) + "/tasks/" + id + "/retry", "").status()).isEqualTo(409);
    } finally {
      hook.stop(0);
    }
  }

  @Test
  void badInputIsRefusedAndStoresNothing() {
    TestServer s = server();
    String ns = "bad";
    for (String body :
        List.of(
            "{}",
            "{\"title\":\"   \"}",
            "{\"title\":\"x\",\"colour\":\"red\"}",
            "{\"title\":\"x\",\"issue\":{\"tracker\":\"jira\",\"repo\":\"a/b\",\"number\":1}}",
            "{\"title\":\"x\",\"issue\":{\"tracker\":\"github\",\"repo\":\"a/b\"}}",
            "{\"title\":\"x\",\"priority\":12}",
            "{\"title\":\"x\",\"task_type\":\"not a name\"}",
            "{\"title\":\"x\",\"timeout_seconds\":0}")) {
      TestServer.Response r = s.post(ns(ns) + "/tasks", body);
      assertThat(r.status()).as(body + " → " + r.body()).isEqualTo(400);
      assertThat(r.body().path("error").path("message").asString()).isNotBlank();
    }
    assertThat(s.post(ns(ns) + "/tasks", "{\"title\":\"x\",\"agent\":\"ghost\"}").status())
        .isEqualTo(404);
    assertThat(s.get(ns(ns) + "/tasks").body().path("items")).isEmpty();
    // A caller may not forge a dispatch invocation's key (it would assign a task).
    assertThat(
            s.post(
                    ns(ns) + "/invocations",
                    "{\"agent\":\"a\",\"function\":\"f\",\"idempotency_key\":\"task:x:1\"}")
                .status())
        .isEqualTo(400);

    // A registration field that would not be enforced is refused.
    assertThat(
            s.put(ns(ns) + "/agents/a", "{\"functions\":[{\"name\":\"f\"}],\"max_open_tasks\":2}")
                .status())
        .isEqualTo(400);
    TestServer.Response noFunction =
        s.put(
            ns(ns) + "/agents/a",
            "{\"functions\":[{\"name\":\"f\"}],\"capabilities\":[\"triage\"]}");
    assertThat(noFunction.status()).isEqualTo(400);
    assertThat(noFunction.body().path("error").path("message").asString()).contains("handle_task");
    assertThat(s.get(ns(ns) + "/agents/a").status()).isEqualTo(404);

    // Idempotent creation: the same key answers the first task.
    JsonNode first = create(s, ns, "{\"title\":\"once\",\"idempotency_key\":\"k1\"}");
    TestServer.Response again =
        s.post(ns(ns) + "/tasks", "{\"title\":\"once\",\"idempotency_key\":\"k1\"}");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("id").asString()).isEqualTo(first.path("id").asString());
    // The same key with another body is a conflict, as for invocations; nothing more is stored.
    TestServer.Response other =
        s.post(ns(ns) + "/tasks", "{\"title\":\"twice\",\"idempotency_key\":\"k1\"}");
    assertThat(other.status()).as(other.body().toString()).isEqualTo(409);
    assertThat(other.body().path("error").path("message").asString()).contains("k1");
    assertThat(
            s.post(
                    ns(ns) + "/tasks",
                    "{\"title\":\"once\",\"priority\":7,\"idempotency_key\":\"k1\"}")
                .status())
        .isEqualTo(409);
    assertThat(s.get(ns(ns) + "/tasks").body().path("items")).hasSize(1);
  }

  @Test
  void trackerWebhooksAreVerifiedPublishedOnceAndMayBecomeTasks() {
    TestServer s = server();
    String ns = "hooks";
    String path = ns(ns) + "/integrations/github/webhook";
    String body =
        "{\"action\":\"opened\",\"issue\":{\"number\":42,\"title\":\"Fix the login bug\","
            + "\"body\":\"It fails\",\"labels\":[]},\"repository\":{\"full_name\":\"acme/web\"}}";
    String good = "sha256=" + Hmac.sha256Hex("gh-secret-1", body.getBytes(StandardCharsets.UTF_8));
    Map<String, String> headers =
        Map.of("X-GitHub-Event", "issues", "X-GitHub-Delivery", "d-1", "X-Hub-Signature-256", good);
    // No secret configured yet: refused.
    assertThat(s.send("POST", path, body, null, headers).status()).isEqualTo(401);
    assertThat(
            s.put(
                    ns(ns) + "/tasks/settings",
                    "{\"github_webhook_secret\":\"gh-secret-1\",\"gitea_webhook_secret\":\"gt-secret-1\","
                        + "\"issue_rule\":{\"enabled\":true},"
                        + "\"trackers\":{\"github\":{\"repos\":[\"acme/web\"]}}}")
                .status())
        .isEqualTo(200);
    assertThat(
            s.send(
                    "POST",
                    path,
                    body,
                    null,
                    Map.of("X-GitHub-Event", "issues", "X-GitHub-Delivery", "d-1"))
                .status())
        .isEqualTo(401);
    assertThat(
            s.send(
                    "POST",
                    path,
                    body,
                    null,
                    Map.of(
                        "X-GitHub-Event",
                        "issues",
                        "X-GitHub-Delivery",
                        "d-1",
                        "X-Hub-Signature-256",
                        "sha256=" + "0".repeat(64)))
                .status())
        .isEqualTo(401);
    assertThat(s.get(ns(ns) + "/events").body().path("items")).isEmpty();

    TestServer.Response first = s.send("POST", path, body, null, headers);
    assertThat(first.status()).as(first.body().toString()).isEqualTo(202);
    assertThat(first.text("topic")).isEqualTo("github.issues.opened");
    TestServer.Response repeat = s.send("POST", path, body, null, headers);
    assertThat(repeat.status()).isEqualTo(200);
    assertThat(repeat.body().path("deduplicated").asBoolean()).isTrue();
    assertThat(repeat.text("event_id")).isEqualTo(first.text("event_id"));
    assertThat(s.get(ns(ns) + "/events?topic=github.issues.opened").body().path("items"))
        .hasSize(1);

    // A signed delivery whose issue cannot become a task is refused before it is published.
    String noNumber =
        "{\"action\":\"opened\",\"issue\":{\"title\":\"No number\"},"
            + "\"repository\":{\"full_name\":\"acme/web\"}}";
    String elsewhere = body.replace("acme/web", "evil/repo");
    for (String bad : List.of(noNumber, elsewhere)) {
      TestServer.Response r =
          s.send(
              "POST",
              path,
              bad,
              null,
              Map.of(
                  "X-GitHub-Event",
                  "issues",
                  "X-GitHub-Delivery",
                  "d-bad-" + bad.length(),
                  "X-Hub-Signature-256",
                  "sha256=" + Hmac.sha256Hex("gh-secret-1", bad.getBytes(StandardCharsets.UTF_8))));
      assertThat(r.status()).as(r.body().toString()).isBetween(400, 403);
    }
    assertThat(s.get(ns(ns) + "/events?topic=github.issues.opened").body().path("items"))
        .hasSize(1);

    // The issue rule made one task of the issue, linked to it.
    JsonNode tasks = s.get(ns(ns) + "/tasks").body().path("items");
    assertThat(tasks).hasSize(1);
    assertThat(tasks.get(0).path("id").asString()).isEqualTo(first.text("task_id"));
    assertThat(tasks.get(0).path("issue").path("repo").asString()).isEqualTo("acme/web");
    assertThat(tasks.get(0).path("issue").path("number").asLong()).isEqualTo(42);
    assertThat(tasks.get(0).path("task_type").asString()).isEqualTo("routine_coding");

    // Gitea signs with the bare hex digest in X-Gitea-Signature.
    String push = "{\"ref\":\"refs/heads/main\"}";
    TestServer.Response gitea =
        s.send(
            "POST",
            ns(ns) + "/integrations/gitea/webhook",
            push,
            null,
            Map.of(
                "X-Gitea-Event",
                "push",
                "X-Gitea-Delivery",
                "g-1",
                "X-Gitea-Signature",
                Hmac.sha256Hex("gt-secret-1", push.getBytes(StandardCharsets.UTF_8))));
    assertThat(gitea.status()).as(gitea.body().toString()).isEqualTo(202);
    assertThat(gitea.text("topic")).isEqualTo("github.push");
  }

  @Test
  void anIssueMustBeAPlainRepositoryInTheNamespacesAllowlist() {
    TestServer s = server();
    String ns = "allow";
    for (String repo : List.of("a/..", "../b", "a//b", "a/b/c", "a/.", "/b", "a/", "a/x..y")) {
      TestServer.Response r =
          s.post(
              ns(ns) + "/tasks",
              "{\"title\":\"x\",\"issue\":{\"tracker\":\"github\",\"repo\":\""
                  + repo
                  + "\",\"number\":1}}");
      assertThat(r.status()).as(repo + " → " + r.body()).isEqualTo(400);
      assertThat(r.body().path("error").path("message").asString()).contains("owner/name");
    }
    String acme =
        "{\"title\":\"x\",\"issue\":{\"tracker\":\"github\",\"repo\":\"acme/web\",\"number\":1}}";
    // No allowlist: the server's tracker token acts on no repository for this namespace.
    TestServer.Response refused = s.post(ns(ns) + "/tasks", acme);
    assertThat(refused.status()).as(refused.body().toString()).isEqualTo(403);
    assertThat(refused.body().path("error").path("message").asString())
        .contains("acme/web", "allowlist", "trackers.github.repos");
    for (String bad :
        List.of(
            "{\"trackers\":{\"github\":{\"repos\":[\"acme/../x\"]}}}",
            "{\"trackers\":{\"github\":{\"repos\":[\"*/*\"]}}}",
            "{\"trackers\":{\"github\":{\"repos\":[\"acme\"]}}}",
            "{\"trackers\":{\"jira\":{\"repos\":[\"a/b\"]}}}",
            "{\"trackers\":{\"github\":{}}}")) {
      TestServer.Response r = s.put(ns(ns) + "/tasks/settings", bad);
      assertThat(r.status()).as(bad + " → " + r.body()).isEqualTo(400);
    }
    TestServer.Response set =
        s.put(
            ns(ns) + "/tasks/settings",
            "{\"trackers\":{\"github\":{\"repos\":[\"acme/*\",\"other/one\"]}}}");
    assertThat(set.status()).as(set.body().toString()).isEqualTo(200);
    assertThat(set.body().path("trackers").path("github").path("repos").toString())
        .isEqualTo("[\"acme/*\",\"other/one\"]");
    create(s, ns, acme);
    create(s, ns, acme.replace("acme/web", "other/one"));
    assertThat(s.post(ns(ns) + "/tasks", acme.replace("acme/web", "other/two")).status())
        .isEqualTo(403);
    assertThat(s.post(ns(ns) + "/tasks", acme.replace("github", "gitea")).status()).isEqualTo(403);
    assertThat(s.get(ns(ns) + "/tasks").body().path("items")).hasSize(2);
  }

  @Test
  void aTaskThatTimesOutCancelsItsInvocation() {
    TestServer s = server();
    String ns = "late";
    agent(s, ns, "slow", "[\"research\"]", null);
    poll(s, ns, "slow", 0);
    JsonNode t = create(s, ns, "{\"title\":\"Research the options\",\"timeout_seconds\":1}");
    assertThat(t.path("status").asString()).isEqualTo("assigned");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() ->
            assertThat(task(s, ns, t.path("id").asString()).path("status").asString())
                .isEqualTo("timed_out"));
    JsonNode inv = s.get(t.path("links").path("invocation").asString()).body();
    assertThat(inv.path("status").asString()).as(inv.toString()).isEqualTo("cancelled");
    // Nothing is left for the agent to take.
    assertThat(poll(s, ns, "slow", 0)).isEmpty();
  }

  @Test
  void concurrentRoutesNeverPushAnAgentOverItsCap() throws Exception {
    TestServer s = server();
    String ns = "cap";
    agent(s, ns, "solo", "[\"analysis\"]", 2);
    poll(s, ns, "solo", 0);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<JsonNode>> made = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        made.add(pool.submit(() -> create(s, ns, "{\"title\":\"Analyze the logs\"}")));
      }
      for (Future<JsonNode> f : made) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    Thread.sleep(1500); // the router's passes look at the waiting ones again
    JsonNode items = s.get(ns(ns) + "/tasks?limit=50").body().path("items");
    assertThat(items).hasSize(12);
    long held = 0;
    for (JsonNode t : items) {
      String st = t.path("status").asString();
      if (st.equals("assigned") || st.equals("in_progress")) {
        held++;
      } else {
        assertThat(st).isEqualTo("pending");
        assertThat(t.path("reason").asString()).contains("solo (at its cap");
      }
    }
    assertThat(held).isEqualTo(2);
    assertThat(s.get(ns(ns) + "/invocations?limit=50").body().path("items")).hasSize(2);
  }

  /** Registers the verifier agent {@code qa} with {@code verify_task} and makes it healthy. */
  private static void verifier(TestServer s, String ns) {
    TestServer.Response r =
        s.put(ns(ns) + "/agents/qa", "{\"functions\":[{\"name\":\"verify_task\"}]}");
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    poll(s, ns, "qa", 0);
  }

  @Test
  void aVerifierApprovesOrRejectsAndARejectionMovesToTheNextCandidate() {
    TestServer s = server();
    String ns = "gate";
    TestServer.Response set =
        s.put(
            ns(ns) + "/tasks/settings",
            "{\"max_attempts\":2,\"backoff_seconds\":0,"
                + "\"verifiers\":{\"code_review\":\"qa.verify_task\"}}");
    assertThat(set.status()).as(set.body().toString()).isEqualTo(200);
    assertThat(set.body().path("verifiers").path("code_review").asString())
        .isEqualTo("qa.verify_task");
    verifier(s, ns);
    agent(s, ns, "r1", "[\"code_review\"]", null);
    agent(s, ns, "r2", "[\"code_review\"]", null);
    poll(s, ns, "r1", 0);
    poll(s, ns, "r2", 0);

    // Approved: the worker's result completes the task.
    JsonNode t = create(s, ns, "{\"title\":\"Look at it\",\"task_type\":\"code_review\"}");
    String id = t.path("id").asString();
    assertThat(t.path("verifier").asString()).isEqualTo("qa.verify_task");
    String a = t.path("agent").asString();
    complete(s, ns, a, poll(s, ns, a, 2000).get(0), "{\"ok\":1}");
    JsonNode judging = task(s, ns, id);
    assertThat(judging.path("status").asString()).isEqualTo("in_progress");
    assertThat(judging.path("verifying").asBoolean()).isTrue();
    assertThat(judging.path("result").isMissingNode()).isTrue();
    JsonNode check = poll(s, ns, "qa", 2000).get(0);
    assertThat(check.path("function").asString()).isEqualTo("verify_task");
    assertThat(check.path("payload").path("task").path("task_id").asString()).isEqualTo(id);
    assertThat(check.path("payload").path("result").path("ok").asInt()).isEqualTo(1);
    complete(s, ns, "qa", check, "{\"approved\":true,\"reason\":\"looks right\"}");
    JsonNode done = task(s, ns, id);
    assertThat(done.path("status").asString()).isEqualTo("completed");
    assertThat(done.path("result").path("ok").asInt()).isEqualTo(1);
    assertThat(done.path("history").toString())
        .contains("\"verifying\"", "\"approved\"", "looks right");

    // Rejected: the attempt failed, the task goes to the candidate that has not tried it; the
    // verifier failing on that one spends the last attempt.
    JsonNode t2 = create(s, ns, "{\"title\":\"Again\",\"task_type\":\"code_review\"}");
    String id2 = t2.path("id").asString();
    String first = t2.path("agent").asString();
    complete(s, ns, first, poll(s, ns, first, 2000).get(0), "{\"v\":1}");
    complete(
        s,
        ns,
        "qa",
        poll(s, ns, "qa", 2000).get(0),
        "{\"approved\":false,\"reason\":\"misses a test\"}");
    String other = first.equals("r1") ? "r2" : "r1";
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> {
          JsonNode x = task(s, ns, id2);
          assertThat(x.path("agent").asString()).isEqualTo(other);
          assertThat(x.path("status").asString()).isEqualTo("assigned");
        });
    assertThat(task(s, ns, id2).path("history").toString())
        .contains("rejected the result of agent '" + first + "': misses a test");
    complete(s, ns, other, poll(s, ns, other, 2000).get(0), "{\"v\":2}");
    complete(s, ns, "qa", poll(s, ns, "qa", 2000).get(0), null);
    JsonNode escalated = task(s, ns, id2);
    assertThat(escalated.path("status").asString()).isEqualTo("escalated");
    assertThat(escalated.path("reason").asString())
        .contains("all 2 attempts failed", "verifier 'qa.verify_task' ended error");
    assertThat(escalated.path("result").isMissingNode()).isTrue();
  }

  @Test
  void aVerifierThatAnswersNoVerdictDoesNotApproveAndBadVerifiersAreRefused() {
    TestServer s = server();
    String ns = "gate2";
    for (String bad :
        List.of(
            "{\"verifiers\":{\"triage\":\"qa\"}}",
            "{\"verifiers\":{\"triage\":\"qa.a.b\"}}",
            "{\"verifiers\":{\"triage\":\"qa.\"}}",
            "{\"verifiers\":{\"triage\":\".verify\"}}",
            "{\"verifiers\":{\"triage\":\"q a.verify\"}}",
            "{\"verifiers\":{\"triage\":null}}",
            "{\"verifiers\":{\"triage\":3}}",
            "{\"verifiers\":{\"not a type\":\"qa.verify_task\"}}")) {
      TestServer.Response r = s.put(ns(ns) + "/tasks/settings", bad);
      assertThat(r.status()).as(bad + " → " + r.body()).isEqualTo(400);
    }
    assertThat(
            s.put(
                    ns(ns) + "/tasks/settings",
                    "{\"max_attempts\":1,\"verifiers\":{\"triage\":\"qa.verify_task\"}}")
                .status())
        .isEqualTo(200);
    verifier(s, ns);
    agent(s, ns, "w", "[\"triage\"]", null);
    poll(s, ns, "w", 0);
    JsonNode t = create(s, ns, "{\"title\":\"Sort this\",\"task_type\":\"triage\"}");
    complete(s, ns, "w", poll(s, ns, "w", 2000).get(0), "{\"v\":1}");
    complete(s, ns, "qa", poll(s, ns, "qa", 2000).get(0), "{\"approved\":\"yes\"}");
    JsonNode x = task(s, ns, t.path("id").asString());
    assertThat(x.path("status").asString()).isEqualTo("escalated");
    assertThat(x.path("reason").asString()).contains("answered no verdict");
  }

  @Test
  void aVerifierThatTimesOutDoesNotApprove() {
    TestServer s = server();
    String ns = "gate3";
    assertThat(
            s.put(
                    ns(ns) + "/tasks/settings",
                    "{\"max_attempts\":1,\"verifiers\":{\"triage\":\"qa.verify_task\"}}")
                .status())
        .isEqualTo(200);
    // The verifier's invocation takes the timeout its function declares; nobody takes it.
    TestServer.Response qa =
        s.put(
            ns(ns) + "/agents/qa",
            "{\"functions\":[{\"name\":\"verify_task\",\"timeout_seconds\":1}]}");
    assertThat(qa.status()).as(qa.body().toString()).isEqualTo(200);
    agent(s, ns, "w", "[\"triage\"]", null);
    poll(s, ns, "w", 0);
    JsonNode t = create(s, ns, "{\"title\":\"Sort that\",\"task_type\":\"triage\"}");
    complete(s, ns, "w", poll(s, ns, "w", 2000).get(0), "{\"v\":1}");
    assertThat(task(s, ns, t.path("id").asString()).path("verifying").asBoolean()).isTrue();
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> {
          JsonNode x = task(s, ns, t.path("id").asString());
          assertThat(x.path("status").asString()).isEqualTo("escalated");
          assertThat(x.path("reason").asString())
              .contains("verifier 'qa.verify_task' ended timed_out", "not approved");
        });
  }
}
