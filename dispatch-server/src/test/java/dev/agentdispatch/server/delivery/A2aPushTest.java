package dev.agentdispatch.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.agentdispatch.sdk.worker.Worker;
import dev.agentdispatch.server.SessionAgent;
import dev.agentdispatch.server.TestServer;
import io.a2a.server.agentexecution.AgentExecutor;
import io.a2a.server.agentexecution.RequestContext;
import io.a2a.server.tasks.AgentEmitter;
import io.a2a.spec.DataPart;
import io.a2a.spec.TaskState;
import io.a2a.spec.TextPart;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A2A push end to end, against real A2A servers on loopback: an agent built with the A2A Java SDK's
 * server side ({@link SdkA2aAgent}), and this server's own A2A door in front of the {@code chat}
 * agent (a pull agent with a real SDK worker), the door that {@code A2aDoorTest} checks with the
 * official A2A SDK client. {@code relay} reaches the door through its 1.0 card; {@code relay03}
 * through a 0.3 card served by a small loopback server, which names the same JSON-RPC URL.
 */
class A2aPushTest {
  private static final String V1 = "/v1/namespaces/default";
  private static final String ONE_ATTEMPT =
      "\"retry\":{\"max_attempts\":1,\"initial_backoff_ms\":20,\"max_backoff_ms\":20}";
  private static final String THREE_ATTEMPTS =
      "\"retry\":{\"max_attempts\":3,\"initial_backoff_ms\":20,\"max_backoff_ms\":20}";

  @TempDir static Path dir;
  static TestServer server;
  static Worker chat;
  static HttpServer cards;
  static final List<String> cardAuthorization = new java.util.concurrent.CopyOnWriteArrayList<>();
  static SdkA2aAgent sdk;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    chat =
        Worker.builder()
            .client(server.client())
            .agent(SessionAgent.NAME)
            .register(new SessionAgent())
            .leaseSeconds(3)
            .pollWait(Duration.ofSeconds(1))
            .gracePeriod(Duration.ofSeconds(1))
            .build()
            .start();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> server.get(V1 + "/agents/" + SessionAgent.NAME).status() == 200);
    String cardPath = "/a2a/default/" + SessionAgent.NAME + "/.well-known/agent-card.json";
    byte[] card03 = server.get(cardPath).body().toString().getBytes(StandardCharsets.UTF_8);
    cards = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    cards.createContext(
        "/card.json",
        ex -> {
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, card03.length);
          ex.getResponseBody().write(card03);
          ex.close();
        });
    cards.createContext(
        "/secure-card.json",
        ex -> {
          String auth = ex.getRequestHeaders().getFirst("Authorization");
          cardAuthorization.add(String.valueOf(auth));
          boolean ok = ("Bearer " + System.getenv("PATH")).equals(auth);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(ok ? 200 : 401, ok ? card03.length : -1);
          if (ok) {
            ex.getResponseBody().write(card03);
          }
          ex.close();
        });
    cards.start();
    register("relay", server.url() + cardPath);
    register("relay03", "http://127.0.0.1:" + cards.getAddress().getPort() + "/card.json");
    sdk = SdkA2aAgent.start(new Echo(), "turn");
    register("sdkrelay", sdk.cardUrl());
    await().atMost(Duration.ofSeconds(10)).until(() -> server.server().pushAgents() == 3);
  }

  @AfterAll
  static void stop() {
    chat.stop();
    server.close();
    cards.stop(0);
    sdk.close();
  }

  /**
   * The SDK agent's skill: echoes {@code text} as a data artifact; {@code fail} fails the task;
   * {@code ask:X} requires input, asking {@code deploy X?} in a text part, and completes with
   * {@code decision:<the answer's text>} once a message answers it in the same task.
   */
  static final class Echo implements AgentExecutor {
    /** The task of every message that reached {@code ask:X} or answered it, in order. */
    static final List<String> askedTasks = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void execute(RequestContext context, AgentEmitter emitter) {
      Object data = ((DataPart) context.getMessage().parts().get(0)).data();
      String text = String.valueOf(((Map<?, ?>) data).get("text"));
      if (context.getTask() != null
          && context.getTask().status().state() == TaskState.TASK_STATE_INPUT_REQUIRED) {
        askedTasks.add(context.getTaskId());
        emitter.startWork();
        emitter.addArtifact(List.of(new DataPart(Map.of("echo", "decision:" + text))));
        emitter.complete();
        return;
      }
      emitter.submit();
      if (text.startsWith("ask:")) {
        askedTasks.add(context.getTaskId());
        emitter.requiresInput(
            emitter.newAgentMessage(
                List.of(new TextPart("deploy " + text.substring(4) + "?")), null));
        return;
      }
      emitter.startWork();
      if (text.equals("fail")) {
        emitter.fail();
        return;
      }
      emitter.addArtifact(List.of(new DataPart(Map.of("echo", text))));
      emitter.complete();
    }

    @Override
    public void cancel(RequestContext context, AgentEmitter emitter) {
      emitter.cancel();
    }
  }

  @Test
  void anAgentBuiltWithTheA2aSdksServerSideTakesAPushedAttempt() {
    JsonNode done = awaitEnd(invoke("sdkrelay", "hi"));
    assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("completed");
    assertThat(done.path("result").path("echo").asString()).isEqualTo("hi");

    JsonNode failed = awaitEnd(invoke("sdkrelay", "fail"));
    assertThat(failed.path("status").asString()).isEqualTo("error");
    assertThat(failed.path("error").path("error_type").asString()).isEqualTo("A2aTaskFailed");
  }

  private static void register(String name, String cardUrl) {
    registerWith(name, a2a(cardUrl, ""));
  }

  private static String invoke(String agent, String text) {
    return invoke(agent, text, ONE_ATTEMPT);
  }

  private static String invoke(String agent, String text, String retry) {
    TestServer.Response created =
        server.post(
            V1 + "/invocations",
            "{\"agent\":\""
                + agent
                + "\",\"function\":\"turn\",\"payload\":{\"text\":\""
                + text
                + "\"},"
                + retry
                + "}");
    assertThat(created.status()).isEqualTo(202);
    return created.text("invocation_id");
  }

  private static JsonNode awaitEnd(String id) {
    for (int i = 0; i < 6; i++) {
      JsonNode view = server.get(V1 + "/invocations/" + id + "?wait_seconds=5").body();
      if (List.of("completed", "error", "cancelled", "timed_out")
          .contains(view.path("status").asString())) {
        return view;
      }
    }
    throw new AssertionError(
        "invocation "
            + id
            + " did not end within 30 s: "
            + server.get(V1 + "/invocations/" + id).body()
            + " "
            + server.get(V1 + "/invocations/" + id + "/events").body());
  }

  @Test
  void anAttemptIsAnA2aMessageAndTheCompletedTasksArtifactIsItsResult() {
    JsonNode done = awaitEnd(invoke("relay", "hi"));
    assertThat(done.path("status").asString()).isEqualTo("completed");
    assertThat(done.path("result").path("text").asString()).isEqualTo("done:hi");

    JsonNode old = awaitEnd(invoke("relay03", "hey"));
    assertThat(old.path("status").asString()).isEqualTo("completed");
    assertThat(old.path("result").path("text").asString()).isEqualTo("done:hey");

    JsonNode view = server.get(V1 + "/agents/relay").body();
    assertThat(view.path("delivery").path("mode").asString()).isEqualTo("a2a");
    assertThat(view.path("delivery").path("url").asString()).endsWith("agent-card.json");
    assertThat(view.path("status").asString()).isEqualTo("healthy");
  }

  /**
   * A plain invocation cannot be given input: a remote task that requires it fails the attempt with
   * {@code A2aInputRequired}, naming the question, and is not retried (it would ask again).
   */
  @Test
  void aPlainInvocationWhoseRemoteTaskRequiresInputFailsWithoutARetry() {
    JsonNode door = awaitEnd(invoke("relay", "approve:prod", THREE_ATTEMPTS));
    assertThat(door.path("status").asString()).isEqualTo("error");
    assertThat(door.path("attempt").asInt()).as(door.toString()).isEqualTo(1);
    assertThat(door.path("error").path("error_type").asString()).isEqualTo("A2aInputRequired");
    assertThat(door.path("error").path("error").asString())
        .contains("input-required")
        .contains("deploy prod?");

    JsonNode sdkAgent = awaitEnd(invoke("sdkrelay", "ask:stage", THREE_ATTEMPTS));
    assertThat(sdkAgent.path("status").asString()).isEqualTo("error");
    assertThat(sdkAgent.path("attempt").asInt()).isEqualTo(1);
    assertThat(sdkAgent.path("error").path("error_type").asString()).isEqualTo("A2aInputRequired");
    assertThat(sdkAgent.path("error").path("error").asString()).contains("deploy stage?");
  }

  /**
   * Issue 14: a session run on a pushed A2A agent whose remote task requires input waits for input
   * with the remote's question; the session's next input resumes it, goes to the same remote task
   * and context, and the run completes with the remote's answer. Against this server's A2A door in
   * 1.0 and 0.3 (its prompt is a data part, taken as it is) and the A2A SDK's server (a text part,
   * taken as {@code {"question": …}}).
   */
  @Test
  void aSessionRunWaitsForInputWhenTheRemoteTaskRequiresItAndTheNextInputAnswersTheSameTask() {
    for (String agent : List.of("relay", "relay03")) {
      String session = openSession(agent);
      JsonNode run = askAndAnswer(session, "approve:prod", "deploy prod?");
      assertThat(run.path("result").path("text").asString()).isEqualTo("decision:yes");
      // The remote side is this server's chat agent: one remote task (its run) took both turns.
      String remoteContext =
          remoteTask(run.path("invocation_id").asString()).path("context_id").asString();
      JsonNode remoteRuns =
          server.get(V1 + "/invocations?agent=chat&session_id=" + remoteContext).body();
      assertThat(remoteRuns.path("items").size()).as(remoteRuns.toString()).isEqualTo(1);
      JsonNode remote = remoteRuns.path("items").get(0);
      assertThat(remote.path("invocation_id").asString())
          .isEqualTo(remoteTask(run.path("invocation_id").asString()).path("task_id").asString());
      assertThat(remote.path("status").asString()).isEqualTo("completed");
      assertThat(remote.path("result").path("text").asString()).isEqualTo("decision:yes");
    }

    Echo.askedTasks.clear();
    String session = openSession("sdkrelay");
    JsonNode run = askAndAnswer(session, "ask:prod", "deploy prod?");
    assertThat(run.path("result").path("echo").asString()).isEqualTo("decision:yes");
    assertThat(Echo.askedTasks).hasSize(2);
    assertThat(Echo.askedTasks.get(1)).isEqualTo(Echo.askedTasks.get(0));
    assertThat(remoteTask(run.path("invocation_id").asString()).path("task_id").asString())
        .isEqualTo(Echo.askedTasks.get(0));
  }

  private static String openSession(String agent) {
    TestServer.Response created =
        server.post(V1 + "/sessions", "{\"agent\":\"" + agent + "\",\"function\":\"turn\"}");
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    return created.text("session_id");
  }

  /**
   * Sends {@code text} to the session, waits for its run to wait for input with {@code question},
   * answers {@code yes}, and returns the run once it ended.
   */
  private static JsonNode askAndAnswer(String session, String text, String question) {
    TestServer.Response first =
        server.post(
            V1 + "/sessions/" + session + "/inputs", "{\"input\":{\"text\":\"" + text + "\"}}");
    assertThat(first.status()).as(first.body().toString()).isEqualTo(202);
    String runId = first.text("run_id");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() ->
            server
                .get(V1 + "/sessions/" + session)
                .body()
                .path("status")
                .asString()
                .equals("waiting_for_input"));
    JsonNode waiting = server.get(V1 + "/invocations/" + runId).body();
    assertThat(waiting.path("status").asString()).isEqualTo("waiting_for_input");
    assertThat(waiting.path("result").path("question").asString())
        .as(waiting.toString())
        .isEqualTo(question);

    TestServer.Response answer =
        server.post(V1 + "/sessions/" + session + "/inputs", "{\"input\":{\"text\":\"yes\"}}");
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
    assertThat(answer.text("outcome")).isEqualTo("resumed");
    assertThat(answer.text("run_id")).isEqualTo(runId);
    JsonNode done = awaitEnd(runId);
    assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("completed");
    return done;
  }

  /** The remote task a pushed run's log names last ({@code data.a2a}). */
  private static JsonNode remoteTask(String runId) {
    JsonNode remote = null;
    for (JsonNode e : server.get(V1 + "/invocations/" + runId + "/events").body().path("items")) {
      if (e.path("data").path("a2a").isObject()) {
        remote = e.path("data").path("a2a");
      }
    }
    assertThat(remote).as("the run's log names its remote task").isNotNull();
    return remote;
  }

  @Test
  void cancelingTheInvocationCancelsTheRemoteTask() {
    String id = invoke("relay03", "sleep:20000");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() ->
            server
                .get(V1 + "/invocations?agent=chat&status=running")
                .body()
                .path("items")
                .toString()
                .contains("sleep:20000"));
    assertThat(server.post(V1 + "/invocations/" + id + "/cancel", "{}").status()).isEqualTo(200);
    assertThat(awaitEnd(id).path("status").asString()).isEqualTo("cancelled");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() ->
            server
                .get(V1 + "/invocations?agent=chat&status=cancelled")
                .body()
                .path("items")
                .toString()
                .contains("sleep:20000"));
  }

  /**
   * Issue 14: a remote agent that requires a bearer token gets the one the server reads from the
   * environment variable its delivery names; an unset variable fails the attempt by name.
   */
  @Test
  void aTokenFromTheNamedEnvironmentVariableAuthorizesTheCallsToTheRemoteAgent() {
    String secureCard = "http://127.0.0.1:" + cards.getAddress().getPort() + "/secure-card.json";
    registerWithToken("secured", secureCard, "PATH");
    registerWithToken("tokenless", secureCard, "DISPATCH_TEST_SURELY_UNSET_VAR");
    JsonNode done = awaitEnd(invoke("secured", "hi"));
    assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("completed");
    assertThat(done.path("result").path("text").asString()).isEqualTo("done:hi");
    assertThat(cardAuthorization).contains("Bearer " + System.getenv("PATH"));

    JsonNode missing = awaitEnd(invoke("tokenless", "hi"));
    assertThat(missing.path("status").asString()).isEqualTo("error");
    assertThat(missing.path("error").path("error_type").asString()).isEqualTo("A2aTokenMissing");
    assertThat(missing.path("error").path("error").asString())
        .contains("DISPATCH_TEST_SURELY_UNSET_VAR");

    JsonNode view = server.get(V1 + "/agents/secured").body();
    assertThat(view.path("delivery").path("token_env").asString()).isEqualTo("PATH");
    assertThat(view.toString()).doesNotContain(System.getenv("PATH"));
  }

  private static void registerWithToken(String name, String cardUrl, String tokenEnv) {
    registerWith(name, a2a(cardUrl, ",\"token_env\":\"" + tokenEnv + "\""));
  }

  private static void registerWith(String name, String delivery) {
    TestServer.Response registered = server.put(V1 + "/agents/" + name, agent("turn", delivery));
    assertThat(registered.status()).as(registered.body().toString()).isEqualTo(200);
  }

  private static String agent(String function, String delivery) {
    return "{\"functions\":[{\"name\":\"" + function + "\"}],\"delivery\":" + delivery + "}";
  }

  private static String a2a(String cardUrl, String more) {
    return "{\"mode\":\"a2a\",\"url\":\"" + cardUrl + "\"" + more + "}";
  }

  @Test
  void aBadA2aDeliveryIsRefusedByName() {
    Map<String, String> refusals =
        Map.of(
            "{\"mode\":\"a2a\"}",
            "delivery.url",
            a2a("http://x/card.json", ",\"address\":\"x:1\""),
            "delivery.address",
            a2a("http://x/card.json", ",\"token_env\":\"1-no\""),
            "delivery.token_env",
            "{\"mode\":\"http\",\"url\":\"http://x/\",\"token_env\":\"PATH\"}",
            "delivery.token_env");
    refusals.forEach((delivery, named) -> {
      TestServer.Response refused = server.put(V1 + "/agents/bad", agent("f", delivery));
      assertThat(refused.status()).as(delivery).isEqualTo(400);
      assertThat(refused.body().toString()).as(delivery).contains(named);
    });
    assertThat(server.get(V1 + "/agents/bad").status()).isEqualTo(404);
  }
}
