package dev.agentdispatch.server.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.sdk.client.DispatchApiException;
import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.client.InvocationFilter;
import dev.agentdispatch.sdk.client.InvokeOptions;
import dev.agentdispatch.sdk.model.AgentView;
import dev.agentdispatch.sdk.model.BlockedBy;
import dev.agentdispatch.sdk.model.Debounce;
import dev.agentdispatch.sdk.model.DegradeMode;
import dev.agentdispatch.sdk.model.DegradePolicy;
import dev.agentdispatch.sdk.model.FlowState;
import dev.agentdispatch.sdk.model.FunctionFlow;
import dev.agentdispatch.sdk.model.InvocationStatus;
import dev.agentdispatch.sdk.model.InvocationView;
import dev.agentdispatch.sdk.model.LaneFlow;
import dev.agentdispatch.sdk.model.LaneSpec;
import dev.agentdispatch.sdk.model.RateLimit;
import dev.agentdispatch.sdk.model.RateLimitMode;
import dev.agentdispatch.sdk.worker.Fn;
import dev.agentdispatch.sdk.worker.Worker;
import dev.agentdispatch.server.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flow control through the Java SDK against a real server: limits declared in {@code @Fn} and on
 * the worker builder are registered and enforced, the client pauses and resumes, a rate-limit
 * refusal surfaces with its Retry-After, and lanes, degraded classes and debounce work end to end.
 */
class SdkFlowTest {
  private static final String AGENT = "flow-sdk";
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** The payload and result. */
  public record Job(String text) {}

  /**
   * Handlers that wait at a gate the test opens, and record how many run at once and in what order.
   */
  public static final class FlowAgent {
    final Semaphore gate = new Semaphore(0);
    final AtomicInteger entered = new AtomicInteger();
    final AtomicInteger runningNow = new AtomicInteger();
    final AtomicInteger peak = new AtomicInteger();
    final List<String> order = new CopyOnWriteArrayList<>();

    private Job run(Job in) throws InterruptedException {
      int now = runningNow.incrementAndGet();
      peak.accumulateAndGet(now, Math::max);
      order.add(in.text());
      entered.incrementAndGet();
      try {
        if (!gate.tryAcquire(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the test never opened the gate for " + in.text());
        }
        return new Job("done:" + in.text());
      } finally {
        runningNow.decrementAndGet();
      }
    }

    @Fn(maxConcurrency = 1)
    public Job one(Job in) throws InterruptedException {
      return run(in);
    }

    @Fn(keyConcurrency = 1)
    public Job keyed(Job in) throws InterruptedException {
      return run(in);
    }

    @Fn
    public Job limited(Job in) {
      return new Job("done:" + in.text());
    }
  }

  /**
   * Handlers of an agent with lanes, a degrade policy and a debounced function: {@code work} waits
   * at a gate, {@code flaky} fails while {@code failing}, {@code settle} records what it ran.
   */
  public static final class ClassAgent {
    final Semaphore gate = new Semaphore(0);
    final List<String> worked = new CopyOnWriteArrayList<>();
    final AtomicBoolean failing = new AtomicBoolean(true);
    final List<String> flakyRuns = new CopyOnWriteArrayList<>();
    final List<String> settled = new CopyOnWriteArrayList<>();

    @Fn
    public Job work(Job in) throws InterruptedException {
      worked.add(in.text());
      if (!gate.tryAcquire(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never opened the gate for " + in.text());
      }
      return new Job("done:" + in.text());
    }

    @Fn(maxAttempts = 1)
    public Job flaky(Job in) {
      flakyRuns.add(in.text());
      if (failing.get()) {
        throw new IllegalStateException("down: " + in.text());
      }
      return new Job("done:" + in.text());
    }

    @Fn
    public Job settle(Job in) {
      settled.add(in.text());
      return new Job("done:" + in.text());
    }
  }

  @TempDir Path dir;

  private TestServer server;
  private DispatchClient client;
  private FlowAgent agent;
  private Worker worker;

  @BeforeEach
  void start() {
    server = TestServer.start(dir);
    client = server.client();
    agent = new FlowAgent();
    worker =
        Worker.builder()
            .client(client)
            .agent(AGENT)
            .register(agent)
            .concurrency(8) // the worker alone would run all of them at once
            .maxConcurrency(4)
            .rateLimit("limited", RateLimit.of(2, Duration.ofMinutes(1)))
            .pollWait(Duration.ofSeconds(1))
            .gracePeriod(Duration.ofSeconds(1))
            .build()
            .start();
  }

  @AfterEach
  void stop() {
    agent.gate.release(1000);
    worker.stop();
    server.close();
  }

  private FlowState flow() {
    return client.getAgent(AGENT).flatMap(AgentView::flow).orElseThrow();
  }

  private FunctionFlow flow(String function) {
    return flow().function(function).orElseThrow();
  }

  private Optional<BlockedBy> blockedBy(String id) {
    return client.get(id).blockedBy();
  }

  @Test
  void lanesDegradedClassesAndDebounceThroughTheSdk() {
    String name = "flow-classes";
    ClassAgent classes = new ClassAgent();
    Worker classWorker =
        Worker.builder()
            .client(client)
            .agent(name)
            .register(classes)
            .maxConcurrency(2)
            .lane("interactive", LaneSpec.reserving(1))
            .lane("batch", 2, 0)
            .degrade(2, DegradeMode.PAUSE)
            .debounce("settle", Duration.ofSeconds(2))
            .pollWait(Duration.ofSeconds(1))
            .gracePeriod(Duration.ofSeconds(1))
            .build()
            .start();
    try {
      AgentView view = client.getAgent(name).orElseThrow();
      assertThat(view.lanes())
          .containsEntry("interactive", LaneSpec.reserving(1))
          .containsEntry("batch", LaneSpec.capped(2));
      assertThat(view.degrade()).contains(new DegradePolicy(2, DegradeMode.PAUSE));
      assertThat(view.functions())
          .filteredOn(f -> f.name().equals("settle"))
          .singleElement()
          .satisfies(f -> assertThat(f.debounce()).contains(Debounce.of(Duration.ofSeconds(2))));

      // Lanes: of the agent's 2 slots one is kept for interactive, so batch runs one at a time.
      InvokeOptions batch = InvokeOptions.builder().lane("batch").build();
      String b1 = client.invoke(name, "work", new Job("b1"), batch).invocationId();
      String b2 = client.invoke(name, "work", new Job("b2"), batch).invocationId();
      await().atMost(WAIT).until(() -> classes.worked.size() >= 1);
      await()
          .atMost(WAIT)
          .until(() -> blockedBy(b2).equals(Optional.of(BlockedBy.CONCURRENCY_LANE)));
      assertThat(classes.worked).containsExactly("b1");
      assertThat(client.get(b1).lane()).contains("batch");
      String urgent =
          client
              .invoke(
                  name, "work", new Job("i1"), InvokeOptions.builder().lane("interactive").build())
              .invocationId();
      // The reserved slot takes the interactive one at once, though batch work waits.
      await().atMost(WAIT).until(() -> classes.worked.contains("i1"));
      FlowState lanes = client.getAgent(name).flatMap(AgentView::flow).orElseThrow();
      assertThat(lanes.lane("batch")).contains(new LaneFlow("batch", Optional.of(2), 0, 1, 1));
      assertThat(lanes.lane("interactive"))
          .contains(new LaneFlow("interactive", Optional.empty(), 1, 1, 0));
      assertThat(client.get(b2).status()).isEqualTo(InvocationStatus.PENDING);
      classes.gate.release(3);
      for (String id : List.of(b1, b2, urgent)) {
        assertThat(client.awaitTerminal(id, WAIT).status()).isEqualTo(InvocationStatus.COMPLETED);
      }
      assertThatThrownBy(() ->
              client.invoke(
                  name, "work", new Job("x"), InvokeOptions.builder().lane("nope").build()))
          .isInstanceOfSatisfying(
              DispatchApiException.class, e -> assertThat(e.status()).isEqualTo(400));

      // Debounce: a burst of three with one key runs once, with the last payload.
      InvokeOptions burst = InvokeOptions.builder().debounceKey("doc-1").build();
      String d1 = client.invoke(name, "settle", new Job("d1"), burst).invocationId();
      String d2 = client.invoke(name, "settle", new Job("d2"), burst).invocationId();
      String d3 = client.invoke(name, "settle", new Job("d3"), burst).invocationId();
      assertThat(client.get(d1).status()).isEqualTo(InvocationStatus.CANCELLED);
      assertThat(client.get(d2).status()).isEqualTo(InvocationStatus.CANCELLED);
      assertThat(client.awaitTerminal(d3, WAIT).status()).isEqualTo(InvocationStatus.COMPLETED);
      assertThat(classes.settled).containsExactly("d3");
      assertThatThrownBy(() -> client.invoke(name, "work", new Job("x"), burst))
          .as("a debounce key for a function without a debounce")
          .isInstanceOfSatisfying(
              DispatchApiException.class, e -> assertThat(e.status()).isEqualTo(400));

      // Degrade: two failed attempts in the batch lane pause that class until it is reset.
      String f1 = client.invoke(name, "flaky", new Job("f1"), batch).invocationId();
      assertThat(client.awaitTerminal(f1, WAIT).status()).isEqualTo(InvocationStatus.ERROR);
      String f2 = client.invoke(name, "flaky", new Job("f2"), batch).invocationId();
      assertThat(client.awaitTerminal(f2, WAIT).status()).isEqualTo(InvocationStatus.ERROR);
      FlowState degraded = client.getAgent(name).flatMap(AgentView::flow).orElseThrow();
      assertThat(degraded.degradedClasses())
          .singleElement()
          .satisfies(c -> {
            assertThat(c.lane()).contains("batch");
            assertThat(c.failures()).isEqualTo(2);
            assertThat(c.mode()).contains(DegradeMode.PAUSE);
          });
      classes.failing.set(false);
      String f3 = client.invoke(name, "flaky", new Job("f3"), batch).invocationId();
      assertThat(blockedBy(f3)).contains(BlockedBy.DEGRADED_LANE);
      // The default lane is a class of its own: it still runs.
      String other = client.invoke(name, "flaky", new Job("default")).invocationId();
      assertThat(client.awaitTerminal(other, WAIT).status()).isEqualTo(InvocationStatus.COMPLETED);
      assertThat(client.get(f3).status()).isEqualTo(InvocationStatus.PENDING);
      // Resetting the default lane leaves batch degraded; resetting batch lets f3 run.
      assertThat(client.resetClass(name).degradedClasses()).hasSize(1);
      assertThat(blockedBy(f3)).contains(BlockedBy.DEGRADED_LANE);
      FlowState reset = client.resetClass(name, Optional.of("batch"));
      assertThat(reset.classes()).isEmpty();
      assertThat(client.awaitTerminal(f3, WAIT).status()).isEqualTo(InvocationStatus.COMPLETED);
      assertThat(classes.flakyRuns).containsExactly("f1", "f2", "default", "f3");
      assertThatThrownBy(() -> client.resetClass(name, Optional.of("nope")))
          .isInstanceOfSatisfying(
              DispatchApiException.class, e -> assertThat(e.status()).isEqualTo(404));
      assertThatThrownBy(() -> client.resetClass("nobody"))
          .isInstanceOfSatisfying(
              DispatchApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    } finally {
      classes.gate.release(1000);
      classWorker.stop();
    }
  }

  @Test
  void theLimitsOfFnAndTheBuilderAreRegistered() {
    AgentView view = client.getAgent(AGENT).orElseThrow();

    assertThat(view.maxConcurrency()).contains(4);
    assertThat(view.flow().flatMap(FlowState::maxConcurrency)).contains(4);
    assertThat(view.functions())
        .filteredOn(f -> f.name().equals("one"))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.maxConcurrency()).contains(1);
          assertThat(f.keyConcurrency()).isEmpty();
        });
    assertThat(view.functions())
        .filteredOn(f -> f.name().equals("keyed"))
        .singleElement()
        .satisfies(f -> assertThat(f.keyConcurrency()).contains(1));
    assertThat(view.functions())
        .filteredOn(f -> f.name().equals("limited"))
        .singleElement()
        .satisfies(f ->
            assertThat(f.rateLimit())
                .contains(new RateLimit(2, 60, Optional.of(2), false, RateLimitMode.REJECT)));
  }

  @Test
  void aFunctionCapOfOneRunsItsInvocationsOneAtATime() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(client.invoke(AGENT, "one", new Job("j" + i)).invocationId());
    }

    for (int done = 0; done < ids.size(); done++) {
      int inside = done + 1;
      await().atMost(WAIT).until(() -> agent.entered.get() >= inside);
      // One runs; the server holds the rest back on the function's cap, visibly.
      FunctionFlow one = flow("one");
      assertThat(one.running()).isEqualTo(1);
      assertThat(one.pending()).isEqualTo(ids.size() - inside);
      assertThat(agent.runningNow.get()).isEqualTo(1);
      ids.stream()
          .map(client::get)
          .filter(v -> v.status() == InvocationStatus.PENDING)
          .forEach(v ->
              assertThat(v.blockedBy())
                  .as(v.invocationId())
                  .contains(BlockedBy.CONCURRENCY_FUNCTION));
      agent.gate.release();
    }

    for (String id : ids) {
      assertThat(client.awaitTerminal(id, WAIT).status()).isEqualTo(InvocationStatus.COMPLETED);
    }
    assertThat(agent.peak.get()).isEqualTo(1);
    assertThat(flow("one").running()).isZero();
  }

  @Test
  void aKeyRunsOneAtATimeInOrderWhileOtherKeysGoAhead() {
    List<String> c1 = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      c1.add(
          client
              .invoke(
                  AGENT,
                  "keyed",
                  new Job("c1-" + i),
                  InvokeOptions.builder().concurrencyKey("c1").build())
              .invocationId());
    }
    String c2 =
        client
            .invoke(
                AGENT, "keyed", new Job("c2"), InvokeOptions.builder().concurrencyKey("c2").build())
            .invocationId();

    // c2 is not held up behind c1's backlog: it runs beside c1's first.
    await().atMost(WAIT).until(() -> agent.entered.get() >= 2);
    assertThat(agent.order).containsExactlyInAnyOrder("c1-0", "c2");
    InvocationView second = client.get(c1.get(1));
    assertThat(second.status()).isEqualTo(InvocationStatus.PENDING);
    assertThat(second.concurrencyKey()).contains("c1");
    assertThat(second.keyConcurrency()).contains(1);
    assertThat(second.blockedBy()).contains(BlockedBy.CONCURRENCY_KEY);
    assertThat(flow("keyed").keyBlocked()).isEqualTo(2);

    agent.gate.release(4);
    for (String id : c1) {
      assertThat(client.awaitTerminal(id, WAIT).status()).isEqualTo(InvocationStatus.COMPLETED);
    }
    assertThat(client.awaitTerminal(c2, WAIT).status()).isEqualTo(InvocationStatus.COMPLETED);
    assertThat(agent.order.stream().filter(t -> t.startsWith("c1")))
        .containsExactly("c1-0", "c1-1", "c1-2");
    assertThat(agent.peak.get()).isEqualTo(2);
  }

  @Test
  void theClientPausesAndResumesAnAgentAndAFunction() {
    FlowState paused = client.pauseAgent(AGENT);
    assertThat(paused.paused()).isTrue();
    String id = client.invoke(AGENT, "limited", new Job("p")).invocationId();
    assertThat(blockedBy(id)).contains(BlockedBy.PAUSED_AGENT);
    assertThat(client.get(id).status()).isEqualTo(InvocationStatus.PENDING);
    assertThat(flow().paused()).isTrue();

    assertThat(client.resumeAgent(AGENT).paused()).isFalse();
    assertThat(client.awaitTerminal(id, WAIT).status()).isEqualTo(InvocationStatus.COMPLETED);

    FlowState fnPaused = client.pauseFunction(AGENT, "one");
    assertThat(fnPaused.paused()).isFalse();
    assertThat(fnPaused.function("one").map(FunctionFlow::paused)).contains(true);
    String held = client.invoke(AGENT, "one", new Job("f")).invocationId();
    assertThat(blockedBy(held)).contains(BlockedBy.PAUSED_FUNCTION);
    assertThat(client.resumeFunction(AGENT, "one").function("one").map(FunctionFlow::paused))
        .contains(false);
    agent.gate.release();
    assertThat(client.awaitTerminal(held, WAIT).status()).isEqualTo(InvocationStatus.COMPLETED);

    assertThatThrownBy(() -> client.pauseAgent("nobody"))
        .isInstanceOfSatisfying(
            DispatchApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThatThrownBy(() -> client.pauseFunction(AGENT, "nope"))
        .isInstanceOfSatisfying(
            DispatchApiException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void overTheRateTheClientGetsARateLimitedExceptionWithRetryAfter() {
    client.invoke(AGENT, "limited", new Job("r1"));
    client.invoke(AGENT, "limited", new Job("r2"));

    assertThatThrownBy(() -> client.invoke(AGENT, "limited", new Job("r3")))
        .isInstanceOfSatisfying(
            DispatchApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.code()).isEqualTo("rate_limited");
              assertThat(e.isRateLimited()).isTrue();
              // 2 per minute: the next token is due within 30 s.
              assertThat(e.retryAfter())
                  .hasValueSatisfying(
                      d -> assertThat(d).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(30)));
            });
    // Nothing was stored for the refused one (counted by listing: the worker moves the others on).
    assertThat(
            client
                .list(InvocationFilter.builder().agent(AGENT).function("limited").build())
                .items())
        .extracting(v -> v.payload().path("text").asString())
        .containsExactlyInAnyOrder("r1", "r2");
  }
}
