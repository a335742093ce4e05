package dev.agentdispatch.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agentservice.v1.HealthCheckResponse;
import com.agentservice.v1.InvokeRequest;
import dev.agentdispatch.server.ServerConfig;
import dev.agentdispatch.server.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Push delivery end to end: a real server on SQLite calls a real gRPC agent on 127.0.0.1 that
 * joined through the dispatch-agents door, as the SDK's agents do.
 */
class PushDeliveryTest {
  private static final String V1 = "/v1/namespaces/default";
  private static final String DOOR = "/api/unstable/namespace/default";

  /** Short retries, so a test that exhausts them takes a fraction of a second. */
  private static final String FAST_RETRY =
      "\"retry\":{\"max_attempts\":3,\"initial_backoff_ms\":20,\"max_backoff_ms\":20}";

  @TempDir Path dir;
  private TestServer server;
  private FakeAgent agent;

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
  void aFunctionCallIsPushedAndCompletesWithTheUnwrappedResult() throws Exception {
    agent =
        FakeAgent.start(r -> {
          JsonNode in = TestServer.JSON.readTree(r.getPayload().getData().toStringUtf8());
          return FakeAgent.result("{\"sum\":" + (in.get("a").asInt() + in.get("b").asInt()) + "}");
        });
    subscribe(agent.address());

    String id = invokeV1("add", "{\"a\":2,\"b\":3}", "");
    JsonNode done = awaitEnd(id);
    assertThat(done.path("status").asString()).isEqualTo("completed");
    assertThat(done.path("result")).isEqualTo(TestServer.JSON.readTree("{\"sum\":5}"));
    InvokeRequest sent = agent.received.poll(5, TimeUnit.SECONDS);
    assertThat(sent.getMessageType()).isEqualTo("function");
    assertThat(sent.getFunctionName()).isEqualTo("add");
    assertThat(sent.getTopic()).isEmpty();
    assertThat(sent.getUid()).isEqualTo(id);
    assertThat(sent.getTraceId()).isEqualTo(done.path("trace_id").asString());
    assertThat(sent.getTs()).isNotEmpty();
    // The deliverer health-checks the agent as soon as it delivers to it.
    await().atMost(Duration.ofSeconds(5)).until(() -> agent.healthChecks.get() >= 1);

    // The same through the door, answered in its own shape.
    TestServer.Response invoked =
        server.post(
            DOOR + "/invoke",
            "{\"agent_name\":\"fake\",\"function_name\":\"add\",\"payload\":{\"a\":40,\"b\":2},"
                + "\"trace_id\":\"t-1\"}");
    assertThat(invoked.status()).isEqualTo(200);
    String doorId = invoked.text("invocation_id");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> {
          JsonNode status = server.get(DOOR + "/invoke/" + doorId).body();
          assertThat(status.path("status").asString()).isEqualTo("completed");
          assertThat(status.path("result")).isEqualTo(TestServer.JSON.readTree("{\"sum\":42}"));
        });
  }

  @Test
  void anErrorAnswerBecomesAnErrorWithItsType() {
    agent = FakeAgent.start(r -> FakeAgent.error("b must be positive", "ValueError"));
    subscribe(agent.address());

    JsonNode done = awaitEnd(invokeV1("add", "{\"a\":2,\"b\":-3}", ""));
    assertThat(done.path("status").asString()).isEqualTo("error");
    assertThat(done.path("error").path("error_type").asString()).isEqualTo("ValueError");
    assertThat(done.path("error").path("error").asString()).isEqualTo("b must be positive");
    assertThat(done.path("error").path("trace").asString()).startsWith("Traceback");
    // The SDK's ValueError is a caller's mistake: not retried.
    assertThat(done.path("attempt").asInt()).isEqualTo(1);
  }

  @Test
  void aTopicMessageNamesTheSubscribedPattern() throws Exception {
    agent = FakeAgent.start(r -> FakeAgent.result("null"));
    subscribe(agent.address());

    TestServer.Response published =
        server.post(
            DOOR + "/events/publish",
            "{\"topic\":\"orders.created\",\"sender_id\":\"shop\",\"payload\":{\"id\":7}}");
    assertThat(published.status()).isEqualTo(200);
    String id = published.body().path("invocation_ids").get(0).asString();
    assertThat(awaitEnd(id).path("status").asString()).isEqualTo("completed");
    InvokeRequest sent = agent.received.poll(5, TimeUnit.SECONDS);
    assertThat(sent.getMessageType()).isEqualTo("topic");
    assertThat(sent.getTopic()).isEqualTo("orders.*");
    assertThat(sent.getFunctionName()).isEmpty();
    assertThat(sent.getUid()).isEqualTo(id);
    assertThat(sent.getPayload().getData().toStringUtf8()).contains("\"id\":7");
  }

  @Test
  void aSlowAgentIsCutOffAtTheAttemptTimeoutAndRetried() {
    agent = FakeAgent.start(FakeAgent::untilCancelled);
    subscribe(agent.address());

    JsonNode done =
        awaitEnd(invokeV1("add", "{\"a\":1,\"b\":1}", ",\"attempt_timeout_seconds\":1"));
    assertThat(done.path("status").asString()).isEqualTo("error");
    assertThat(done.path("error").path("error_type").asString()).isEqualTo("attempt_timed_out");
    assertThat(done.path("attempt").asInt()).isEqualTo(3);
    assertThat(agent.received).hasSize(3);
    await().atMost(Duration.ofSeconds(5)).until(() -> agent.cancelled.get() == 3);
  }

  @Test
  void anUnreachableAgentGetsRetriedAttemptsAndAClearError() throws IOException {
    subscribe("127.0.0.1:" + freePort());

    JsonNode done = awaitEnd(invokeV1("add", "{\"a\":1,\"b\":1}", ""));
    assertThat(done.path("status").asString()).isEqualTo("error");
    assertThat(done.path("attempt").asInt()).isEqualTo(3);
    assertThat(done.path("error").path("error_type").asString()).isEqualTo("GrpcUnavailable");
    assertThat(done.path("error").path("error").asString()).startsWith("gRPC UNAVAILABLE");
  }

  @Test
  void cancellingARunningPushCancelsTheCall() throws Exception {
    agent = FakeAgent.start(FakeAgent::untilCancelled);
    subscribe(agent.address());

    String id = invokeV1("add", "{\"a\":1,\"b\":1}", "");
    assertThat(agent.received.poll(10, TimeUnit.SECONDS)).isNotNull();
    assertThat(server.post(V1 + "/invocations/" + id + "/cancel", "").status()).isEqualTo(200);
    JsonNode done = awaitEnd(id);
    assertThat(done.path("status").asString()).isEqualTo("cancelled");
    await().atMost(Duration.ofSeconds(5)).until(() -> agent.cancelled.get() == 1);
    assertThat(agent.received).isEmpty();
  }

  @Test
  void anAgentAnsweringNotServingReadsUnhealthyAndGetsNoPushesUntilItServes() throws Exception {
    server.close();
    server =
        TestServer.start(
            ServerConfig.defaults()
                .withPort(0)
                .withDb("sqlite:" + dir.resolve("dispatch.db"))
                .withSweepInterval(Duration.ofMillis(100))
                .withPush(PushSettings.DEFAULTS.withHealthEvery(Duration.ofMillis(200))));
    agent = FakeAgent.start(r -> FakeAgent.result("3"));
    agent.serving.set(HealthCheckResponse.ServingStatus.SERVING_STATUS_NOT_SERVING);
    subscribe(agent.address());

    // A subscribe is a sign of life, but the agent's own word that it does not serve wins.
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> {
          JsonNode view = server.get(V1 + "/agents/fake").body();
          assertThat(view.path("status").asString()).isEqualTo("unhealthy");
          assertThat(view.path("workers").asInt()).isEqualTo(1);
          assertThat(view.path("delivery").path("not_serving_since").isString()).isTrue();
        });
    assertThat(server.get(DOOR + "/agents/list").body().get(0).path("status").asString())
        .isEqualTo("unhealthy");
    String id = invokeV1("add", "{\"a\":1,\"b\":2}", "");
    assertThat(agent.received.poll(1, TimeUnit.SECONDS)).isNull();
    assertThat(server.get(V1 + "/invocations/" + id).body().path("status").asString())
        .isEqualTo("pending");

    agent.serving.set(HealthCheckResponse.ServingStatus.SERVING_STATUS_SERVING);
    JsonNode done = awaitEnd(id);
    assertThat(done.path("status").asString()).isEqualTo("completed");
    assertThat(done.path("attempt").asInt()).isEqualTo(1);
    JsonNode view = server.get(V1 + "/agents/fake").body();
    assertThat(view.path("status").asString()).isEqualTo("healthy");
    assertThat(view.path("delivery").has("not_serving_since")).isFalse();
  }

  /** Joins the agent the way {@code dispatch agent dev} and the SDK do. */
  private void subscribe(String address) {
    assertThat(
            server
                .post(
                    "/api/unstable/agents/register",
                    "{\"agent_name\":\"fake\",\"url\":\"" + address + "\"}")
                .status())
        .isEqualTo(200);
    TestServer.Response subscribed =
        server.post(
            DOOR + "/events/subscribe",
            """
            {"topics":["orders.*"],"agent_name":"fake","functions":[
              {"name":"add","description":null,
               "input_schema":{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"integer"}},
                               "required":["a","b"]},
               "output_schema":null,
               "triggers":[{"type":"callable","topic":null,"function_name":"add"}]},
              {"name":"on_order","description":null,"input_schema":{"type":"object"},"output_schema":null,
               "triggers":[{"type":"topic","topic":"orders.*","function_name":null}]}]}\
            """);
    assertThat(subscribed.status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(5)).until(() -> server.server().pushAgents() == 1);
  }

  private String invokeV1(String function, String payload, String extra) {
    TestServer.Response created =
        server.post(
            V1 + "/invocations",
            "{\"agent\":\"fake\",\"function\":\""
                + function
                + "\",\"payload\":"
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
