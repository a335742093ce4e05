package dev.agentdispatch.server.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.server.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Flow control through the native API: caps, pauses, per-key limits, rate limits (DESIGN §7). */
class FlowControlTest {
  private static final String NS = "/v1/namespaces/default";

  @TempDir Path dir;

  private static String invoke(TestServer server, String agent, String function, String extra) {
    var r =
        server.post(
            NS + "/invocations",
            "{\"agent\":\""
                + agent
                + "\",\"function\":\""
                + function
                + "\",\"payload\":{}"
                + extra
                + "}");
    assertThat(r.status()).as(r.body().toString()).isEqualTo(202);
    return r.text("invocation_id");
  }

  private static List<String> lease(TestServer server, String agent, int max) {
    JsonNode leases =
        server
            .post(
                NS + "/workers/lease",
                "{\"worker_id\":\"w\",\"agent\":\""
                    + agent
                    + "\",\"max\":"
                    + max
                    + ",\"wait_ms\":0}")
            .body()
            .path("leases");
    List<String> out = new ArrayList<>();
    leases.forEach(
        l -> out.add(l.path("lease_id").asString() + " " + l.path("invocation_id").asString()));
    return out;
  }

  private static void complete(TestServer server, String lease) {
    var r =
        server.post(
            NS + "/workers/complete",
            "{\"worker_id\":\"w\",\"results\":[{\"lease_id\":\""
                + lease.split(" ")[0]
                + "\",\"status\":\"completed\",\"result\":{}}]}");
    assertThat(r.status()).isEqualTo(200);
  }

  private static String blockedBy(TestServer server, String id) {
    return server.get(NS + "/invocations/" + id).body().path("blocked_by").asString("");
  }

  @Test
  void capsHoldWorkBackVisiblyAndPausingKeepsIt() {
    try (TestServer server = TestServer.start(dir)) {
      var put =
          server.put(
              NS + "/agents/a",
              "{\"max_concurrency\":2,\"functions\":[{\"name\":\"f\",\"max_concurrency\":1},{\"name\":\"g\"}]}");
      assertThat(put.status()).isEqualTo(200);
      assertThat(put.body().path("max_concurrency").asInt()).isEqualTo(2);
      assertThat(put.body().path("functions").get(0).path("max_concurrency").asInt()).isEqualTo(1);
      List<String> f = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        f.add(invoke(server, "a", "f", ""));
      }
      for (int i = 0; i < 3; i++) {
        invoke(server, "a", "g", "");
      }
      List<String> first = lease(server, "a", 10);
      assertThat(first).hasSize(2);
      assertThat(first.stream().filter(l -> l.endsWith(f.get(0)))).hasSize(1);
      assertThat(blockedBy(server, f.get(1))).isEqualTo("concurrency:agent");
      JsonNode flow = server.get(NS + "/agents/a").body().path("flow");
      assertThat(flow.path("running").asInt()).isEqualTo(2);
      assertThat(flow.path("pending").asInt()).isEqualTo(4);
      assertThat(flow.path("max_concurrency").asInt()).isEqualTo(2);

      complete(server, first.stream().filter(l -> !l.endsWith(f.get(0))).findFirst().orElseThrow());
      // One slot of the agent is free, but f's only slot is taken: f waits on its own cap.
      assertThat(blockedBy(server, f.get(1))).isEqualTo("concurrency:function");
      List<String> second = lease(server, "a", 10);
      assertThat(second).singleElement().satisfies(l -> assertThat(l).doesNotEndWith(f.get(1)));

      assertThat(server.post(NS + "/agents/a/pause", "").body().path("paused").asBoolean())
          .isTrue();
      first.stream().filter(l -> l.endsWith(f.get(0))).forEach(l -> complete(server, l));
      second.forEach(l -> complete(server, l));
      assertThat(lease(server, "a", 10)).isEmpty();
      assertThat(blockedBy(server, f.get(1))).isEqualTo("paused:agent");
      // Paused, an agent still takes new work; it waits.
      invoke(server, "a", "g", "");
      assertThat(server.post(NS + "/agents/a/resume", "").body().path("paused").asBoolean())
          .isFalse();
      assertThat(lease(server, "a", 10)).hasSize(2);

      assertThat(server.post(NS + "/agents/a/functions/nope/pause", "").status()).isEqualTo(404);
      assertThat(server.post(NS + "/agents/nobody/pause", "").status()).isEqualTo(404);
    }
  }

  @Test
  void lanesKeepReservedSlotsForInteractiveWork() {
    try (TestServer server = TestServer.start(dir)) {
      var put =
          server.put(
              NS + "/agents/l",
              "{\"max_concurrency\":3,\"lanes\":{\"interactive\":{\"reserved\":1},"
                  + "\"batch\":{\"max_concurrency\":3}},\"functions\":[{\"name\":\"f\"}]}");
      assertThat(put.status()).as(put.body().toString()).isEqualTo(200);
      assertThat(put.body().path("lanes").path("interactive").path("reserved").asInt())
          .isEqualTo(1);
      List<String> batch = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        batch.add(invoke(server, "l", "f", ",\"lane\":\"batch\""));
      }
      assertThat(lease(server, "l", 10)).as("3 slots, 1 kept for interactive").hasSize(2);
      assertThat(blockedBy(server, batch.get(2))).isEqualTo("concurrency:lane");
      String urgent = invoke(server, "l", "f", ",\"lane\":\"interactive\"");
      assertThat(lease(server, "l", 10))
          .singleElement()
          .satisfies(l -> assertThat(l).endsWith(urgent));
      JsonNode lanes = server.get(NS + "/agents/l").body().path("flow").path("lanes");
      assertThat(lanes).hasSize(2);
      var unknown =
          server.post(
              NS + "/invocations",
              "{\"agent\":\"l\",\"function\":\"f\",\"payload\":{},\"lane\":\"nope\"}");
      assertThat(unknown.status()).isEqualTo(400);
      assertThat(unknown.body().toString()).contains("no lane 'nope'");
      // A session's runs run in the lane the session names.
      var session =
          server.post(
              NS + "/sessions", "{\"agent\":\"l\",\"session_id\":\"s1\",\"lane\":\"interactive\"}");
      assertThat(session.status()).as(session.body().toString()).isEqualTo(201);
      var submitted = server.post(NS + "/sessions/s1/inputs", "{\"input\":{\"text\":\"hi\"}}");
      assertThat(submitted.status()).isEqualTo(202);
      assertThat(server.get(NS + "/invocations/" + submitted.text("run_id")).text("lane"))
          .isEqualTo("interactive");
      assertThat(
              server
                  .post(
                      NS + "/sessions", "{\"agent\":\"l\",\"session_id\":\"s2\",\"lane\":\"nope\"}")
                  .status())
          .isEqualTo(400);
      var tooMuch =
          server.put(
              NS + "/agents/l2",
              "{\"max_concurrency\":1,\"lanes\":{\"a\":{\"reserved\":2}},\"functions\":[]}");
      assertThat(tooMuch.status()).isEqualTo(400);
    }
  }

  private static void fail(TestServer server, String lease) {
    var r =
        server.post(
            NS + "/workers/complete",
            "{\"worker_id\":\"w\",\"results\":[{\"lease_id\":\""
                + lease.split(" ")[0]
                + "\",\"status\":\"error\",\"error\":{\"error\":\"boom\"}}]}");
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void aClassThatKeepsFailingIsDegradedAnnouncedAndResetByAnOperator() {
    try (TestServer server = TestServer.start(dir)) {
      var put =
          server.put(
              NS + "/agents/d",
              "{\"degrade\":{\"after_failures\":2},\"functions\":[{\"name\":\"f\","
                  + "\"retry\":{\"max_attempts\":1}}]}");
      assertThat(put.status()).as(put.body().toString()).isEqualTo(200);
      assertThat(put.body().path("degrade").path("mode").asString()).isEqualTo("pause");
      invoke(server, "d", "f", "");
      invoke(server, "d", "f", "");
      String third = invoke(server, "d", "f", "");
      fail(server, lease(server, "d", 1).getFirst());
      fail(server, lease(server, "d", 1).getFirst());
      JsonNode classes = server.get(NS + "/agents/d").body().path("flow").path("classes");
      assertThat(classes).hasSize(1);
      assertThat(classes.get(0).path("failures").asInt()).isEqualTo(2);
      assertThat(classes.get(0).path("degraded_since").isNull()).isFalse();
      assertThat(blockedBy(server, third)).isEqualTo("degraded:lane");
      assertThat(lease(server, "d", 10)).isEmpty();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() ->
              server.get(NS + "/events?topic=flow.class.degraded").body().path("items").size()
                  == 1);
      JsonNode flow = server.post(NS + "/agents/d/reset", "").body();
      assertThat(flow.path("classes")).isEmpty();
      assertThat(lease(server, "d", 10)).hasSize(1);
      assertThat(server.post(NS + "/agents/d/reset?lane=nope", "").status()).isEqualTo(404);
    }
  }

  @Test
  void aBurstOfDebouncedInvocationsCollapsesToTheLastOne() {
    try (TestServer server = TestServer.start(dir)) {
      server.put(
          NS + "/agents/db",
          "{\"functions\":[{\"name\":\"f\",\"debounce\":{\"period_seconds\":2}},{\"name\":\"g\"}]}");
      String first = invoke(server, "db", "f", ",\"debounce_key\":\"k\"");
      String second = invoke(server, "db", "f", ",\"debounce_key\":\"k\"");
      String other = invoke(server, "db", "f", ",\"debounce_key\":\"other\"");
      String last = invoke(server, "db", "f", ",\"debounce_key\":\"k\"");
      assertThat(server.get(NS + "/invocations/" + first).text("status")).isEqualTo("cancelled");
      assertThat(server.get(NS + "/invocations/" + second).text("status")).isEqualTo("cancelled");
      assertThat(server.get(NS + "/invocations/" + second + "/events").body().toString())
          .contains("debounced")
          .contains(last);
      assertThat(lease(server, "db", 10)).as("the burst waits for its quiet period").isEmpty();
      List<String> leased = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> {
            leased.addAll(lease(server, "db", 10));
            return leased.size() >= 2;
          });
      assertThat(leased).hasSize(2);
      assertThat(leased).anySatisfy(l -> assertThat(l).endsWith(last));
      assertThat(leased).anySatisfy(l -> assertThat(l).endsWith(other));

      var notDebounced =
          server.post(
              NS + "/invocations",
              "{\"agent\":\"db\",\"function\":\"g\",\"payload\":{},\"debounce_key\":\"k\"}");
      assertThat(notDebounced.status()).isEqualTo(400);
      var batch =
          server.post(
              NS + "/invocations/batch",
              "{\"invocations\":[{\"agent\":\"db\",\"function\":\"f\",\"payload\":{}}]}");
      assertThat(batch.status()).isEqualTo(400);
      assertThat(batch.body().toString()).contains("debounced");
    }
  }

  @Test
  void aConcurrencyKeyRunsOneAtATime() {
    try (TestServer server = TestServer.start(dir)) {
      server.put(NS + "/agents/k", "{\"functions\":[{\"name\":\"f\",\"key_concurrency\":1}]}");
      invoke(server, "k", "f", ",\"concurrency_key\":\"c1\"");
      String second = invoke(server, "k", "f", ",\"concurrency_key\":\"c1\"");
      invoke(server, "k", "f", ",\"concurrency_key\":\"c2\"");
      assertThat(lease(server, "k", 10)).hasSize(2);
      JsonNode waiting = server.get(NS + "/invocations/" + second).body();
      assertThat(waiting.path("blocked_by").asString()).isEqualTo("concurrency:key");
      assertThat(waiting.path("concurrency_key").asString()).isEqualTo("c1");
      assertThat(waiting.path("key_concurrency").asInt()).isEqualTo(1);
      assertThat(server.get(NS + "/agents/k").body().path("flow").path("key_blocked").asInt())
          .isEqualTo(1);
    }
  }

  @Test
  void overTheRateAnInvocationIsRefusedWithRetryAfterAndNothingIsStored() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      server.put(
          NS + "/agents/r",
          "{\"functions\":[{\"name\":\"f\",\"rate_limit\":{\"limit\":2,\"period_seconds\":60}}]}");
      invoke(server, "r", "f", ",\"idempotency_key\":\"once\"");
      invoke(server, "r", "f", "");
      HttpResponse<String> over =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(server.url() + NS + "/invocations"))
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"agent\":\"r\",\"function\":\"f\",\"payload\":{}}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(over.statusCode()).isEqualTo(429);
      assertThat(over.body()).contains("rate_limited").contains("function r/f");
      long retryAfter = Long.parseLong(over.headers().firstValue("Retry-After").orElseThrow());
      assertThat(retryAfter).isBetween(1L, 30L);
      assertThat(server.invocationCount("default")).isEqualTo(2);
      // A repeat of an idempotent request is answered with the first invocation, not refused.
      var repeat =
          server.post(
              NS + "/invocations",
              "{\"agent\":\"r\",\"function\":\"f\",\"payload\":{},\"idempotency_key\":\"once\"}");
      assertThat(repeat.status()).isLessThan(300);
    }
  }

  @Test
  void aThrottleDelaysWhatIsOverTheRateInsteadOfRefusingIt() {
    try (TestServer server = TestServer.start(dir)) {
      server.put(
          NS + "/agents/t",
          "{\"rate_limit\":{\"limit\":1,\"period_seconds\":30,\"mode\":\"throttle\"},"
              + "\"functions\":[{\"name\":\"f\"}]}");
      Instant before = Instant.now();
      String first = invoke(server, "t", "f", "");
      String second = invoke(server, "t", "f", "");
      Instant firstAt =
          Instant.parse(server.get(NS + "/invocations/" + first).text("available_at"));
      Instant secondAt =
          Instant.parse(server.get(NS + "/invocations/" + second).text("available_at"));
      assertThat(Duration.between(before, firstAt)).isLessThan(Duration.ofSeconds(5));
      assertThat(Duration.between(firstAt, secondAt)).isGreaterThan(Duration.ofSeconds(25));
      assertThat(lease(server, "t", 10)).hasSize(1);
    }
  }

  @Test
  void badLimitsAreRefusedNamingTheField() {
    try (TestServer server = TestServer.start(dir)) {
      var zero =
          server.put(NS + "/agents/x", "{\"functions\":[{\"name\":\"f\",\"max_concurrency\":0}]}");
      assertThat(zero.status()).isEqualTo(400);
      assertThat(zero.body().toString()).contains("functions[0].max_concurrency");
      var mode =
          server.put(
              NS + "/agents/x",
              "{\"rate_limit\":{\"limit\":1,\"period_seconds\":1,\"mode\":\"drop\"},\"functions\":[]}");
      assertThat(mode.status()).isEqualTo(400);
      assertThat(mode.body().toString()).contains("rate_limit.mode");
      var period = server.put(NS + "/agents/x", "{\"rate_limit\":{\"limit\":1},\"functions\":[]}");
      assertThat(period.status()).isEqualTo(400);
      assertThat(server.get(NS + "/agents/x").status()).isEqualTo(404);
    }
  }
}
