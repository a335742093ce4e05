package dev.agentdispatch.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.server.ServerConfig;
import dev.agentdispatch.server.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * HTTP push end to end: a real server on SQLite POSTs each attempt's lease to a real HTTP agent on
 * 127.0.0.1 that was registered through {@code /v1} with {@code delivery: {mode: http, url}}, and
 * takes its answer as the worker's result.
 */
class HttpPushTest {
  private static final String V1 = "/v1/namespaces/default";

  /** Short retries, so a test that exhausts them takes a fraction of a second. */
  private static final String FAST_RETRY =
      "\"retry\":{\"max_attempts\":3,\"initial_backoff_ms\":20,\"max_backoff_ms\":20}";

  @TempDir Path dir;
  private TestServer server;
  private HttpAgent agent;

  @BeforeEach
  void start() {
    server = TestServer.start(dir);
  }

  @AfterEach
  void stop() {
    server.close();
    if (agent != null) {
      agent.close();
    }
  }

  @Test
  void anAttemptIsPostedAsItsLeaseAndTheAnswerIsItsResult() throws Exception {
    agent =
        HttpAgent.start(r -> {
          JsonNode in = r.body().path("payload");
          // While its request is open, the agent may log under its lease.
          server.post(
              V1 + "/workers/events",
              "{\"worker_id\":\"web-agent\",\"lease_id\":\""
                  + r.body().path("lease_id").asString()
                  + "\",\"events\":[{\"type\":\"progress\",\"data\":{\"pct\":50}}]}");
          return HttpAgent.Answer.ok(
              "{\"status\":\"completed\",\"result\":{\"sum\":"
                  + (in.get("a").asInt() + in.get("b").asInt())
                  + "}}");
        });
    register(agent.url());

    String id = invoke("{\"a\":2,\"b\":3}", "");
    JsonNode done = awaitEnd(id);
    assertThat(done.path("status").asString()).isEqualTo("completed");
    assertThat(done.path("result")).isEqualTo(TestServer.JSON.readTree("{\"sum\":5}"));

    HttpAgent.Received sent = agent.received.poll(5, TimeUnit.SECONDS);
    JsonNode lease = sent.body();
    // The same lease a pull worker gets from POST /workers/lease.
    assertThat(lease.path("invocation_id").asString()).isEqualTo(id);
    assertThat(lease.path("agent").asString()).isEqualTo("web");
    assertThat(lease.path("function").asString()).isEqualTo("add");
    assertThat(lease.path("attempt").asInt()).isEqualTo(1);
    assertThat(lease.path("max_attempts").asInt()).isEqualTo(3);
    assertThat(lease.path("trace_id").asString()).isEqualTo(done.path("trace_id").asString());
    assertThat(lease.path("message").path("type").asString()).isEqualTo("function");
    assertThat(Instant.parse(lease.path("deadline").asString())).isAfter(Instant.now());
    String leaseId = lease.path("lease_id").asString();
    assertThat(leaseId).isNotEmpty();
    // The attempt names the deliverer as its worker; its lease id is only the agent's to know.
    assertThat(done.path("attempts").get(0).path("worker_id").asString()).startsWith("push-");
    assertThat(done.path("attempts").get(0).has("lease_id")).isFalse();
    assertThat(sent.headers().getFirst(HttpTransport.LEASE_ID)).isEqualTo(leaseId);
    assertThat(sent.headers().getFirst(HttpTransport.INVOCATION_ID)).isEqualTo(id);
    assertThat(sent.headers().getFirst(HttpTransport.ATTEMPT)).isEqualTo("1");
    assertThat(sent.headers().getFirst(HttpTransport.DEADLINE))
        .isEqualTo(lease.path("deadline").asString());

    assertThat(server.get(V1 + "/invocations/" + id + "/events").body().path("items").toString())
        .contains("\"progress\"")
        .contains("\"pct\":50");

    // Its answers are its signs of life.
    JsonNode view = server.get(V1 + "/agents/web").body();
    assertThat(view.path("delivery").path("mode").asString()).isEqualTo("http");
    assertThat(view.path("delivery").path("url").asString()).isEqualTo(agent.url());
    assertThat(view.path("status").asString()).isEqualTo("healthy");
  }

  @Test
  void aFailedResultBecomesAnErrorWithItsType() {
    agent =
        HttpAgent.start(r ->
            HttpAgent.Answer.ok(
                "{\"status\":\"error\",\"error\":{\"error\":\"b must be positive\","
                    + "\"error_type\":\"ValueError\",\"details\":{\"field\":\"b\"}},"
                    + "\"retryable\":false}"));
    register(agent.url());

    JsonNode done = awaitEnd(invoke("{\"a\":2,\"b\":-3}", ""));
    assertThat(done.path("status").asString()).isEqualTo("error");
    assertThat(done.path("error").path("error_type").asString()).isEqualTo("ValueError");
    assertThat(done.path("error").path("error").asString()).isEqualTo("b must be positive");
    assertThat(done.path("error").path("details").path("field").asString()).isEqualTo("b");
    // retryable:false is honoured as from a worker.
    assertThat(done.path("attempt").asInt()).isEqualTo(1);
    assertThat(done.path("dead_lettered").asBoolean()).isTrue();
  }

  @Test
  void aNon2xxAnswerIsRetriedUntilTheAgentAnswers() {
    AtomicInteger calls = new AtomicInteger();
    agent =
        HttpAgent.start(r ->
            calls.incrementAndGet() < 3
                ? new HttpAgent.Answer(503, "{\"detail\":\"warming up\"}")
                : HttpAgent.Answer.ok("{\"status\":\"completed\",\"result\":\"ok\"}"));
    register(agent.url());

    JsonNode done = awaitEnd(invoke("{\"a\":1,\"b\":1}", ""));
    assertThat(done.path("status").asString()).isEqualTo("completed");
    assertThat(done.path("result").asString()).isEqualTo("ok");
    assertThat(done.path("attempt").asInt()).isEqualTo(3);
    JsonNode first = done.path("attempts").get(0);
    assertThat(first.path("error").path("error_type").asString()).isEqualTo("Http503");
    assertThat(first.path("error").path("error").asString())
        .startsWith("HTTP 503 from POST " + agent.url())
        .contains("warming up");
    // Every attempt had its own lease.
    assertThat(
            agent.received.stream()
                .map(r -> r.body().path("lease_id").asString())
                .distinct()
                .count())
        .isEqualTo(3);
  }

  @Test
  void anUnparseableAnswerFailsTheAttemptNamingTheProblem() {
    agent = HttpAgent.start(r -> HttpAgent.Answer.ok("{\"status\":\"done\",\"result\":1}"));
    register(agent.url());

    JsonNode done = awaitEnd(invoke("{\"a\":1,\"b\":1}", ""));
    assertThat(done.path("status").asString()).isEqualTo("error");
    assertThat(done.path("attempt").asInt()).isEqualTo(3);
    assertThat(done.path("error").path("error_type").asString())
        .isEqualTo(AttemptOutcomes.INVALID_RESPONSE);
    assertThat(done.path("error").path("error").asString())
        .contains("status must be completed, error, cancelled or waiting_for_input")
        .contains("'done'");
  }

  @Test
  void anUnreachableAgentGetsRetriedAttemptsAndAClearError() throws IOException {
    String url = "http://127.0.0.1:" + freePort() + "/invoke";
    register(url);

    JsonNode done = awaitEnd(invoke("{\"a\":1,\"b\":1}", ""));
    assertThat(done.path("status").asString()).isEqualTo("error");
    assertThat(done.path("attempt").asInt()).isEqualTo(3);
    assertThat(done.path("error").path("error_type").asString()).isEqualTo(HttpReplies.UNAVAILABLE);
    assertThat(done.path("error").path("error").asString())
        .startsWith("POST " + url + " failed: ConnectException");
    assertThat(server.get(V1 + "/agents/web").body().path("status").asString())
        .isEqualTo("unhealthy");
  }

  @Test
  void aSlowAgentIsCutOffAtTheAttemptTimeoutAndRetried() {
    CountDownLatch never = new CountDownLatch(1);
    agent =
        HttpAgent.start(r -> {
          never.await(20, TimeUnit.SECONDS);
          return HttpAgent.Answer.ok("{\"status\":\"completed\"}");
        });
    register(agent.url());

    JsonNode done = awaitEnd(invoke("{\"a\":1,\"b\":1}", ",\"attempt_timeout_seconds\":1"));
    assertThat(done.path("status").asString()).isEqualTo("error");
    assertThat(done.path("error").path("error_type").asString()).isEqualTo("attempt_timed_out");
    assertThat(done.path("attempt").asInt()).isEqualTo(3);
    assertThat(agent.received).hasSize(3);
    never.countDown();
  }

  @Test
  void cancellingARunningPushAbortsItAndEndsCancelled() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    agent =
        HttpAgent.start(r -> {
          release.await(20, TimeUnit.SECONDS);
          return HttpAgent.Answer.ok("{\"status\":\"completed\",\"result\":\"too late\"}");
        });
    register(agent.url());

    String id = invoke("{\"a\":1,\"b\":1}", "");
    assertThat(agent.received.poll(10, TimeUnit.SECONDS)).isNotNull();
    assertThat(server.post(V1 + "/invocations/" + id + "/cancel", "").status()).isEqualTo(200);
    JsonNode done = awaitEnd(id);
    assertThat(done.path("status").asString()).isEqualTo("cancelled");
    release.countDown();
    // Not pushed again, and the late answer went nowhere.
    assertThat(agent.received.poll(500, TimeUnit.MILLISECONDS)).isNull();
    assertThat(server.get(V1 + "/invocations/" + id).body().path("status").asString())
        .isEqualTo("cancelled");
  }

  @Test
  void httpsAgentsAreReachedWithTheConfiguredCaAndClientCertificate() throws Exception {
    server.close();
    TestCerts certs = TestCerts.make(dir);
    server =
        TestServer.start(
            config()
                .withPush(
                    PushSettings.DEFAULTS.withTls(
                        Optional.of(certs.ca()),
                        Optional.of(certs.clientCert()),
                        Optional.of(certs.clientKey()))));
    agent =
        HttpAgent.startTls(
            r -> HttpAgent.Answer.ok("{\"status\":\"completed\",\"result\":\"over tls\"}"),
            certs.serverContext(dir));
    assertThat(agent.url()).startsWith("https://");
    register(agent.url());

    JsonNode done = awaitEnd(invoke("{\"a\":1,\"b\":1}", ""));
    assertThat(done.path("status").asString()).isEqualTo("completed");
    assertThat(done.path("result").asString()).isEqualTo("over tls");
  }

  @Test
  void badDeliveriesAreRefusedNamingTheFieldAndStoreNothing() {
    String[][] cases = {
      {"{\"mode\":\"smtp\"}", "delivery.mode must be pull, grpc, http or a2a; got 'smtp'"},
      {"{}", "delivery.mode is required"},
      {"{\"mode\":\"http\"}", "delivery.url is required"},
      {
        "{\"mode\":\"http\",\"url\":\"ftp://example.org/x\"}", "must start with http:// or https://"
      },
      {"{\"mode\":\"http\",\"url\":\"http://\"}", "delivery.url"},
      {
        "{\"mode\":\"http\",\"url\":\"http://h/x\",\"address\":\"h:1\"}", "delivery.address applies"
      },
      {"{\"mode\":\"http\",\"url\":\"https://h/x\",\"tls\":true}", "delivery.tls applies only"},
      {"{\"mode\":\"grpc\"}", "delivery.address is required"},
      {"{\"mode\":\"grpc\",\"address\":\"nohost\"}", "host:port"},
      {"{\"mode\":\"grpc\",\"address\":\"h:1\",\"url\":\"http://h\"}", "delivery.url applies"},
      {"{\"mode\":\"pull\",\"address\":\"h:1\"}", "delivery.address applies only"},
      {"{\"mode\":\"grpc\",\"address\":\"h:1\",\"secure\":true}", "unknown field 'secure'"},
    };
    for (String[] c : cases) {
      TestServer.Response refused =
          server.put(
              V1 + "/agents/bad", "{\"functions\":[{\"name\":\"f\"}],\"delivery\":" + c[0] + "}");
      assertThat(refused.status()).as(c[0]).isEqualTo(400);
      assertThat(refused.body().path("error").path("message").asString()).as(c[0]).contains(c[1]);
    }
    assertThat(server.get(V1 + "/agents/bad").status()).isEqualTo(404);
    assertThat(server.server().pushAgents()).isZero();

    // Pull is the default, and may be said.
    TestServer.Response pull =
        server.put(
            V1 + "/agents/puller",
            "{\"functions\":[{\"name\":\"f\"}],\"delivery\":{\"mode\":\"pull\"}}");
    assertThat(pull.status()).isEqualTo(200);
    assertThat(pull.body().path("delivery").toString()).isEqualTo("{\"mode\":\"pull\"}");
  }

  private ServerConfig config() {
    return ServerConfig.defaults()
        .withPort(0)
        .withDb("sqlite:" + dir.resolve("dispatch.db"))
        .withSweepInterval(Duration.ofMillis(100));
  }

  private void register(String url) {
    TestServer.Response registered =
        server.put(
            V1 + "/agents/web",
            """
            {"functions":[{"name":"add","input_schema":{"type":"object",
               "properties":{"a":{"type":"integer"},"b":{"type":"integer"}},"required":["a","b"]}}],
             "delivery":{"mode":"http","url":"%s"}}\
            """
                .formatted(url));
    assertThat(registered.status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(5)).until(() -> server.server().pushAgents() == 1);
  }

  private String invoke(String payload, String extra) {
    TestServer.Response created =
        server.post(
            V1 + "/invocations",
            "{\"agent\":\"web\",\"function\":\"add\",\"payload\":"
                + payload
                + ","
                + FAST_RETRY
                + extra
                + "}");
    assertThat(created.status()).isEqualTo(202);
    return created.text("invocation_id");
  }

  /** Waits until the invocation ended; its view. */
  private JsonNode awaitEnd(String id) {
    for (int i = 0; i < 6; i++) {
      JsonNode view = server.get(V1 + "/invocations/" + id + "?wait_seconds=5").body();
      if (List.of("completed", "error", "cancelled", "timed_out")
          .contains(view.path("status").asString())) {
        return view;
      }
    }
    throw new AssertionError("invocation " + id + " did not end within 30 s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
