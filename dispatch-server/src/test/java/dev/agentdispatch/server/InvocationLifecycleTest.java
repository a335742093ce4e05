package dev.agentdispatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.client.InvocationFailedException;
import dev.agentdispatch.sdk.client.InvokeOptions;
import dev.agentdispatch.sdk.model.InvocationStatus;
import dev.agentdispatch.sdk.model.InvocationView;
import dev.agentdispatch.sdk.model.Jitter;
import dev.agentdispatch.sdk.model.RetryPolicy;
import dev.agentdispatch.sdk.worker.Worker;
import dev.agentdispatch.server.TestAgent.Echo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The durable invocation path end to end: SDK client → server → SQLite → SDK worker → result. */
class InvocationLifecycleTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final RetryPolicy FAST_RETRY =
      new RetryPolicy(3, 50, 2.0, 200, Jitter.NONE, List.of());

  @TempDir static Path dir;
  static TestServer server;
  static DispatchClient client;
  static TestAgent agent;
  static Worker worker;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
    client = server.client();
    agent = new TestAgent();
    worker =
        Worker.builder()
            .client(client)
            .agent(TestAgent.NAME)
            .register(agent)
            .concurrency(8)
            .pollWait(Duration.ofSeconds(2))
            .gracePeriod(Duration.ofSeconds(2))
            .build()
            .start();
  }

  @AfterAll
  static void stop() {
    worker.stop();
    server.close();
  }

  private static InvokeOptions fastRetry() {
    return InvokeOptions.builder().retry(FAST_RETRY).build();
  }

  @Test
  void invokeIsRunByTheWorkerAndTheResultReadBack() {
    Echo result = client.invokeAndWait(TestAgent.NAME, "echo", new Echo("hi"), WAIT, Echo.class);
    assertThat(result).isEqualTo(new Echo("echo:hi"));
  }

  @Test
  void workerRegisteredItsFunctionsWithSchemas() {
    var registered = server.get("/v1/namespaces/default/agents/" + TestAgent.NAME).body();
    assertThat(registered.path("status").asString()).isEqualTo("healthy");
    assertThat(registered.path("functions").findValuesAsString("name"))
        .contains("echo", "failing", "flaky", "slow");
    var bad =
        server.post(
            "/v1/namespaces/default/invocations",
            "{\"agent\":\"tester\",\"function\":\"echo\",\"payload\":{\"text\":5}}");
    assertThat(bad.status()).isEqualTo(422);
  }

  @Test
  void exceptionBecomesAnErrorWithItsTypeAndExhaustedRetriesGoToTheDeadLetterList() {
    String id =
        client.invoke(TestAgent.NAME, "failing", new Echo("f1"), fastRetry()).invocationId();
    InvocationView done = client.awaitTerminal(id, WAIT);
    assertThat(done.status()).isEqualTo(InvocationStatus.ERROR);
    assertThat(done.error())
        .get()
        .satisfies(e -> {
          assertThat(e.errorType()).isEqualTo("IOException");
          assertThat(e.error()).contains("boom f1");
        });
    assertThat(done.attempt()).isEqualTo(3);
    assertThat(done.deadLettered()).isTrue();
    assertThat(agent.calls("f1")).isEqualTo(3);
    var deadLetters = server.get("/v1/namespaces/default/dead-letters").body();
    assertThat(deadLetters.path("items").findValuesAsString("invocation_id")).contains(id);
  }

  @Test
  void failedAttemptIsRetriedThenSucceeds() {
    String id = client.invoke(TestAgent.NAME, "flaky", new Echo("r1"), fastRetry()).invocationId();
    InvocationView done = client.awaitTerminal(id, WAIT);
    assertThat(done.status()).isEqualTo(InvocationStatus.COMPLETED);
    assertThat(done.attempt()).isEqualTo(2);
    assertThat(done.attempts())
        .extracting(a -> a.outcome().orElse(""))
        .containsExactly("error", "completed");
  }

  @Test
  void nonRetryableErrorEndsAtOnce() {
    String id =
        client.invoke(TestAgent.NAME, "invalid", new Echo("n1"), fastRetry()).invocationId();
    assertThatThrownBy(
            () -> client.invokeAndWait(TestAgent.NAME, "invalid", new Echo("n2"), WAIT, Echo.class))
        .isInstanceOf(InvocationFailedException.class);
    InvocationView done = client.awaitTerminal(id, WAIT);
    assertThat(done.status()).isEqualTo(InvocationStatus.ERROR);
    assertThat(done.attempt()).isEqualTo(1);
    assertThat(done.error().orElseThrow().errorType()).isEqualTo("IllegalArgumentException");
  }

  @Test
  void manualRetryOfADeadLetterRunsItAgain() {
    String id =
        client
            .invoke(
                TestAgent.NAME,
                "failing",
                new Echo("m1"),
                InvokeOptions.builder().retry(FAST_RETRY.withMaxAttempts(1)).build())
            .invocationId();
    assertThat(client.awaitTerminal(id, WAIT).status()).isEqualTo(InvocationStatus.ERROR);
    client.retry(id);
    await().atMost(WAIT).until(() -> agent.calls("m1") == 2);
    InvocationView again = client.awaitTerminal(id, WAIT);
    assertThat(again.status()).isEqualTo(InvocationStatus.ERROR);
    assertThat(again.attempt()).isEqualTo(2);
  }

  @Test
  void cancelOfARunningInvocationReachesTheWorker() {
    String id = client.invoke(TestAgent.NAME, "slow", new Echo("c1")).invocationId();
    await().atMost(WAIT).until(() -> client.get(id).status() == InvocationStatus.RUNNING);
    InvocationView requested = client.cancel(id, false);
    assertThat(requested.cancelRequested()).isTrue();
    // The worker learns of it from its next heartbeat (every lease/3 = 10 s by default).
    InvocationView done = client.awaitTerminal(id, Duration.ofSeconds(30));
    assertThat(done.status()).isEqualTo(InvocationStatus.CANCELLED);
  }

  @Test
  void cancelOfAPendingInvocationIsImmediate() {
    String id =
        client
            .invoke(
                TestAgent.NAME,
                "echo",
                new Echo("p1"),
                InvokeOptions.builder().delay(Duration.ofSeconds(60)).build())
            .invocationId();
    assertThat(client.cancel(id, false).status()).isEqualTo(InvocationStatus.CANCELLED);
    assertThat(server.post("/v1/namespaces/default/invocations/" + id + "/cancel", "{}").status())
        .isEqualTo(409);
  }

  @Test
  void overallTimeoutEndsAnInvocationNobodyRuns() {
    server.put("/v1/namespaces/default/agents/idle", "{\"functions\":[{\"name\":\"work\"}]}");
    String id =
        client
            .invoke(
                "idle",
                "work",
                new Echo("t1"),
                InvokeOptions.builder().timeout(Duration.ofSeconds(1)).build())
            .invocationId();
    InvocationView done = client.awaitTerminal(id, WAIT);
    assertThat(done.status()).isEqualTo(InvocationStatus.TIMED_OUT);
  }

  @Test
  void attemptTimeoutFailsTheAttemptAndRetries() {
    String id =
        client
            .invoke(
                TestAgent.NAME,
                "slow",
                new Echo("a1"),
                InvokeOptions.builder()
                    .attemptTimeout(Duration.ofSeconds(1))
                    .retry(FAST_RETRY.withMaxAttempts(2))
                    .build())
            .invocationId();
    InvocationView done = client.awaitTerminal(id, WAIT);
    assertThat(done.status()).isEqualTo(InvocationStatus.ERROR);
    assertThat(done.attempts())
        .extracting(a -> a.outcome().orElse(""))
        .containsExactly("attempt_timed_out", "attempt_timed_out");
  }

  @Test
  void anInvocationMadeInsideAHandlerIsItsChildInTheSameTraceAndLogsReachTheEventLog() {
    var created = client.invoke(TestAgent.NAME, "parent", new Echo("p"));
    InvocationView parent = client.awaitTerminal(created.invocationId(), WAIT);
    String childId = parent.result().orElseThrow().path("text").asString();
    InvocationView child = client.awaitTerminal(childId, WAIT);
    assertThat(child.traceId()).isEqualTo(created.traceId());
    assertThat(child.parentId()).contains(created.invocationId());
    assertThat(child.result().orElseThrow().path("text").asString()).isEqualTo("echo:child-of-p");
    await()
        .atMost(WAIT)
        .untilAsserted(() -> {
          var events =
              server
                  .get("/v1/namespaces/default/invocations/" + created.invocationId() + "/events")
                  .body()
                  .path("items");
          assertThat(events.findValuesAsString("type")).contains("log");
          assertThat(events.toString()).contains("starting child for p");
        });
  }

  @Test
  void idempotencyKeyGivesOneInvocationAndADifferentPayloadConflicts() {
    String body =
        "{\"agent\":\"tester\",\"function\":\"echo\",\"payload\":{\"text\":\"i1\"},\"idempotency_key\":\"key-1\"}";
    var first = server.post("/v1/namespaces/default/invocations", body);
    var again = server.post("/v1/namespaces/default/invocations", body);
    var other = server.post("/v1/namespaces/default/invocations", body.replace("i1", "i2"));
    assertThat(first.status()).isEqualTo(202);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.text("invocation_id")).isEqualTo(first.text("invocation_id"));
    assertThat(again.body().path("deduplicated").asBoolean()).isTrue();
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.body().path("error").path("code").asString())
        .isEqualTo("idempotency_conflict");
  }
}
