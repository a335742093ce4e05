package dev.agentdispatch.sdk.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.json.Json;
import dev.agentdispatch.sdk.model.CompletionResult;
import dev.agentdispatch.sdk.model.HeartbeatResult;
import dev.agentdispatch.sdk.model.Lease;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The worker's execution path without a server: leases are handed to the dispatcher directly and
 * outcomes are read from the completion queue's sink.
 */
class DispatcherTest {
  record In(String name) {}

  record Out(String message) {}

  public static class Handlers {
    final CountDownLatch started = new CountDownLatch(1);
    final AtomicBoolean interrupted = new AtomicBoolean();
    volatile Optional<Context> seenCurrent = Optional.empty();

    @Fn
    public Out greet(In in, Context ctx) {
      seenCurrent = Context.current();
      ctx.logger().info("greeting {}", in.name());
      return new Out("Hello, " + in.name() + " (attempt " + ctx.attempt() + ")");
    }

    @Fn
    public Out refuse(In in) {
      throw new IllegalArgumentException("no " + in.name());
    }

    @Fn
    public void block(In in) {
      started.countDown();
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        interrupted.set(true);
        throw new IllegalStateException("interrupted");
      }
    }
  }

  private final List<CompletionResult> sent = new CopyOnWriteArrayList<>();
  private final List<LeaseEvent> events = new CopyOnWriteArrayList<>();
  private final Handlers handlers = new Handlers();
  private WorkerState state;
  private Dispatcher dispatcher;
  private Heartbeater heartbeater;

  @BeforeEach
  void setUp() {
    DispatchClient client =
        DispatchClient.builder().baseUrl("http://127.0.0.1:9").build(); // never called
    WorkerConfig config =
        new WorkerConfig(
            "test-agent",
            "w-1",
            Optional.empty(),
            Optional.empty(),
            2,
            30,
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Duration.ZERO,
            10,
            true);
    state =
        new WorkerState(
            new LeaseRegistry(),
            new Slots(2),
            HandlerThreads.create("test-handler-", true),
            new Outbox("test-outbox", 10, Duration.ZERO, events::addAll, sent::addAll, 100));
    state.outbox().start();
    Map<String, FunctionHandler> byName =
        HandlerScanner.scan(List.of(handlers)).stream()
            .collect(Collectors.toMap(FunctionHandler::name, Function.identity()));
    dispatcher = new Dispatcher(config, client, byName, state, HandlerTracing.PLAIN);
    heartbeater = new Heartbeater(client.workers(), config, state);
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    state.registry().abandonAll();
    state.outbox().close(Duration.ofSeconds(2));
  }

  @Test
  void successfulHandlerReportsItsResultAndStreamsItsLog() throws InterruptedException {
    run(lease("l1", "greet", "{\"name\":\"Ada\"}"));

    CompletionResult result = awaitResult("l1");
    assertThat(result.status()).isEqualTo("completed");
    assertThat(result.result().orElseThrow().path("message").asString())
        .isEqualTo("Hello, Ada (attempt 1)");
    assertThat(handlers.seenCurrent).isPresent();
    await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
    assertThat(events.get(0).leaseId()).isEqualTo("l1");
    assertThat(events.get(0).event().type()).isEqualTo("log");
    assertThat(events.get(0).event().data().path("message").asString()).isEqualTo("greeting Ada");
    awaitAllSlotsFree();
  }

  @Test
  void illegalArgumentIsReportedAsNonRetryableError() throws InterruptedException {
    run(lease("l2", "refuse", "{\"name\":\"Bob\"}"));

    CompletionResult result = awaitResult("l2");
    assertThat(result.status()).isEqualTo("error");
    assertThat(result.error().orElseThrow().errorType()).isEqualTo("IllegalArgumentException");
    assertThat(result.error().orElseThrow().error()).isEqualTo("no Bob");
    assertThat(result.retryable()).contains(false);
  }

  @Test
  void payloadThatDoesNotFitTheRecordIsNonRetryable() throws InterruptedException {
    run(lease("l3", "greet", "{\"name\":\"Ada\",\"shoe_size\":44}"));

    CompletionResult result = awaitResult("l3");
    assertThat(result.error().orElseThrow().errorType()).isEqualTo("InvalidPayloadException");
    assertThat(result.error().orElseThrow().error()).contains("shoe_size");
    assertThat(result.retryable()).contains(false);
  }

  @Test
  void unknownFunctionFailsWithoutRetry() throws InterruptedException {
    run(lease("l4", "nope", "{}"));

    CompletionResult result = awaitResult("l4");
    assertThat(result.error().orElseThrow().errorType()).isEqualTo("UnknownFunction");
    assertThat(result.retryable()).contains(false);
    awaitAllSlotsFree();
  }

  @Test
  void cancelledLeaseIsInterruptedAndOnlyTheCancelIsReported() throws InterruptedException {
    run(lease("l5", "block", "{\"name\":\"x\"}"));
    handlers.started.await();

    heartbeater.apply(new HeartbeatResult(List.of(), List.of("l5"), List.of()));

    assertThat(awaitResult("l5").status()).isEqualTo("cancelled");
    awaitAllSlotsFree();
    assertThat(handlers.interrupted).isTrue();
    assertThat(sent).hasSize(1);
  }

  @Test
  void lostLeaseIsAbandonedWithoutReport() throws InterruptedException {
    run(lease("l6", "block", "{\"name\":\"x\"}"));
    handlers.started.await();

    heartbeater.apply(new HeartbeatResult(List.of(), List.of(), List.of("l6")));

    awaitAllSlotsFree();
    assertThat(handlers.interrupted).isTrue();
    assertThat(state.outbox().close(Duration.ofSeconds(2))).isTrue();
    assertThat(sent).isEmpty();
  }

  private void run(Lease lease) throws InterruptedException {
    state.slots().takeOverdraft(1); // the lease loop takes a slot per granted lease
    dispatcher.dispatch(lease);
  }

  private CompletionResult awaitResult(String leaseId) {
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> sent.stream().anyMatch(r -> r.leaseId().equals(leaseId)));
    return sent.stream().filter(r -> r.leaseId().equals(leaseId)).findFirst().orElseThrow();
  }

  private void awaitAllSlotsFree() {
    await().atMost(Duration.ofSeconds(5)).until(() -> state.slots().available() == 2);
  }

  private static Lease lease(String id, String function, String payload) {
    JsonNode node = Json.payload().readTree(payload);
    return new Lease(
        id,
        "inv-" + id,
        "test-agent",
        function,
        node,
        1,
        3,
        "trace-1",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
