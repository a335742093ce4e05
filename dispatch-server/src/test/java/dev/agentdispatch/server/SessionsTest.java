package dev.agentdispatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Sessions end to end: every input strategy against a real server and a real SDK worker (DESIGN
 * §8).
 */
class SessionsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String NS = "/v1/namespaces/default";

  @TempDir static Path dir;
  static TestServer server;
  static SessionAgent agent;
  static Worker worker;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
    DispatchClient client = server.client();
    agent = new SessionAgent();
    // A 3 s lease: heartbeats (which carry cancels and steered inputs) go every second.
    worker =
        Worker.builder()
            .client(client)
            .agent(SessionAgent.NAME)
            .register(agent)
            .concurrency(8)
            .leaseSeconds(3)
            .pollWait(Duration.ofSeconds(2))
            .gracePeriod(Duration.ofSeconds(1))
            .build()
            .start();
  }

  @AfterAll
  static void stop() {
    worker.stop();
    server.close();
  }

  static String newSession(String id) {
    TestServer.Response r =
        server.post(NS + "/sessions", "{\"agent\":\"chat\",\"session_id\":\"" + id + "\"}");
    assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
    return id;
  }

  static TestServer.Response send(String sid, String text, String strategy) {
    return server.post(
        NS + "/sessions/" + sid + "/inputs",
        "{\"input\":{\"text\":\"" + text + "\"},\"strategy\":\"" + strategy + "\"}");
  }

  static List<JsonNode> runs(String sid) {
    List<JsonNode> out = new ArrayList<>();
    server
        .get(NS + "/invocations?session_id=" + sid + "&limit=100")
        .body()
        .path("items")
        .forEach(out::add);
    return out.reversed(); // oldest first
  }

  static void awaitIdle(String sid, int runs) {
    await()
        .atMost(WAIT)
        .untilAsserted(() -> {
          assertThat(server.get(NS + "/sessions/" + sid).text("status")).isEqualTo("idle");
          assertThat(runs(sid))
              .hasSize(runs)
              .allSatisfy(
                  r -> assertThat(r.path("status").asString()).isIn("completed", "cancelled"));
        });
  }

  static List<String> results(String sid) {
    return runs(sid).stream()
        .map(r ->
            server
                .get(NS + "/invocations/" + r.path("invocation_id").asString())
                .body()
                .path("result")
                .path("text")
                .asString())
        .toList();
  }

  @Test
  void enqueueRunsInOrderRejectIsRefusedAndARepeatedKeyGetsTheFirstOutcome() {
    String sid = newSession("order");
    assertThat(send(sid, "sleep:700", "enqueue").text("outcome")).isEqualTo("started");
    assertThat(send(sid, "q1", "enqueue").text("outcome")).isEqualTo("queued");
    TestServer.Response rejected = send(sid, "r", "reject");
    assertThat(rejected.status()).isEqualTo(409);
    assertThat(rejected.body().path("error").path("code").asString()).isEqualTo("session_busy");
    String keyed = "{\"input\":{\"text\":\"q2\"},\"idempotency_key\":\"k-q2\"}";
    TestServer.Response first = server.post(NS + "/sessions/" + sid + "/inputs", keyed);
    TestServer.Response again = server.post(NS + "/sessions/" + sid + "/inputs", keyed);
    assertThat(first.status()).isEqualTo(202);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.text("input_id")).isEqualTo(first.text("input_id"));
    assertThat(again.text("outcome")).isEqualTo("queued");
    assertThat(again.body().path("deduplicated").asBoolean()).isTrue();
    awaitIdle(sid, 3);
    assertThat(results(sid)).containsExactly("done:sleep:700", "done:q1", "done:q2");
    assertThat(agent.maxActivePerSession.get()).isEqualTo(1);
  }

  @Test
  void twoSimultaneousInputsAreBothHandledOneRunAtATime() {
    String sid = newSession("race");
    List<CompletableFuture<TestServer.Response>> sends =
        List.of(
            CompletableFuture.supplyAsync(() -> send(sid, "sleep:300", "enqueue")),
            CompletableFuture.supplyAsync(() -> send(sid, "sleep:301", "enqueue")));
    List<String> outcomes =
        sends.stream().map(CompletableFuture::join).map(r -> r.text("outcome")).toList();
    assertThat(outcomes).containsExactlyInAnyOrder("started", "queued");
    awaitIdle(sid, 2);
    assertThat(results(sid)).containsExactlyInAnyOrder("done:sleep:300", "done:sleep:301");
    assertThat(agent.maxActivePerSession.get()).isEqualTo(1);
  }

  @Test
  void aSteeredInputIsTakenMidRunOrElseRunsNext() {
    String sid = newSession("steer");
    send(sid, "collect", "enqueue");
    await()
        .atMost(WAIT)
        .until(() -> "running".equals(server.get(NS + "/sessions/" + sid).text("status")));
    TestServer.Response steered = send(sid, "hello", "steer");
    assertThat(steered.text("outcome")).isEqualTo("steered");
    awaitIdle(sid, 1);
    assertThat(results(sid)).containsExactly("got:hello");
    assertThat(input(sid, steered.text("input_id")).path("status").asString())
        .isEqualTo("consumed");

    send(sid, "sleep:1500", "enqueue"); // never looks at its inputs
    await()
        .atMost(WAIT)
        .until(() -> "running".equals(server.get(NS + "/sessions/" + sid).text("status")));
    TestServer.Response ignored = send(sid, "late", "steer");
    assertThat(ignored.text("outcome")).isEqualTo("steered");
    awaitIdle(sid, 3);
    assertThat(results(sid)).containsExactly("got:hello", "done:sleep:1500", "done:late");
    assertThat(input(sid, ignored.text("input_id")).path("status").asString()).isEqualTo("started");
  }

  static JsonNode input(String sid, String inputId) {
    for (JsonNode in : server.get(NS + "/sessions/" + sid + "/inputs").body().path("items")) {
      if (in.path("input_id").asString().equals(inputId)) {
        return in;
      }
    }
    throw new AssertionError("no input " + inputId);
  }

  @Test
  void interruptStopsTheRunningWorkerAndTheNextRunStartsFromTheKeptState() {
    String sid = newSession("interrupt");
    send(sid, "progress:half", "enqueue");
    await()
        .atMost(WAIT)
        .until(() ->
            server.get(NS + "/sessions/" + sid + "/state").body().path("revision").asLong() == 1);
    send(sid, "queued-before", "enqueue");
    assertThat(send(sid, "state", "interrupt").text("outcome")).isEqualTo("interrupted");
    awaitIdle(sid, 3);
    List<JsonNode> runs = runs(sid);
    assertThat(runs.get(0).path("status").asString()).isEqualTo("cancelled");
    assertThat(results(sid).subList(1, 3))
        .containsExactly("state:{\"progress\":\"half\"}", "done:queued-before");
  }

  @Test
  void rollbackRestoresTheStateRevisionFromBeforeTheCancelledRun() {
    String sid = newSession("rollback");
    send(sid, "progress:half", "enqueue");
    await()
        .atMost(WAIT)
        .until(() ->
            server.get(NS + "/sessions/" + sid + "/state").body().path("revision").asLong() == 1);
    assertThat(send(sid, "state", "rollback").text("outcome")).isEqualTo("rolled_back");
    JsonNode state = server.get(NS + "/sessions/" + sid + "/state").body();
    assertThat(state.path("state").toString()).isEqualTo("{}");
    assertThat(state.path("restored_from").asLong()).isZero();
    awaitIdle(sid, 2);
    assertThat(results(sid).get(1)).isEqualTo("state:{}");
    JsonNode history = server.get(NS + "/sessions/" + sid + "/history").body().path("items");
    assertThat(history.findValuesAsString("revision")).hasSize(3);
  }

  @Test
  void aRunCanUseItsAgentsMemory() {
    String sid = newSession("memory");
    send(sid, "remember:blue", "enqueue");
    awaitIdle(sid, 1);
    assertThat(results(sid)).containsExactly("remembered:blue");
    assertThat(server.get(NS + "/agents/chat/kv/last").body().path("value").asString())
        .isEqualTo("blue");
  }

  @Test
  void badStrategiesUnknownSessionsAndOversizedInputsAreRefusedAndChangeNothing() {
    String sid = newSession("refusals");
    long before = server.invocationCount("default");
    TestServer.Response bad = send(sid, "x", "collect");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().path("error").path("message").asString())
        .contains("collect", "reject, enqueue");
    assertThat(send("no-such-session", "x", "enqueue").status()).isEqualTo(404);
    assertThat(
            server.post(NS + "/sessions/" + sid + "/inputs", "{\"strategy\":\"enqueue\"}").status())
        .isEqualTo(400);
    assertThat(
            server.post(NS + "/sessions/" + sid + "/inputs", "{\"input\":1,\"oops\":2}").status())
        .isEqualTo(400);
    String big = "x".repeat(2 * 1024 * 1024 + 10);
    assertThat(send(sid, big, "enqueue").status()).isEqualTo(413);
    assertThat(server.post(NS + "/sessions", "{\"agent\":\"nobody\"}").status()).isEqualTo(404);
    assertThat(
            server
                .post(NS + "/sessions", "{\"agent\":\"chat\",\"session_id\":\"" + sid + "\"}")
                .status())
        .isEqualTo(409);
    assertThat(
            server
                .post(NS + "/sessions", "{\"agent\":\"chat\",\"session_id\":\"bad id!\"}")
                .status())
        .isEqualTo(400);
    assertThat(
            server
                .put(NS + "/sessions/" + sid + "/state", "{\"state\":{},\"expected_revision\":7}")
                .status())
        .isEqualTo(409);
    assertThat(
            server
                .post(
                    NS + "/invocations",
                    "{\"agent\":\"chat\",\"function\":\"turn\",\"payload\":{\"text\":\"x\"},"
                        + "\"session_id\":\""
                        + sid
                        + "\"}")
                .status())
        .isEqualTo(400);
    assertThat(server.invocationCount("default")).isEqualTo(before);
    assertThat(server.get(NS + "/sessions/" + sid + "/inputs").body().path("items")).isEmpty();
    assertThat(server.get(NS + "/sessions/" + sid + "/state").body().path("revision").asLong())
        .isZero();
    assertThat(server.send("DELETE", NS + "/sessions/" + sid, null, null).status()).isEqualTo(204);
    assertThat(server.get(NS + "/sessions/" + sid).status()).isEqualTo(404);
  }
}
