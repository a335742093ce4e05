package dev.agentdispatch.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.runtime.breaker.CircuitBreaker;
import dev.agentdispatch.runtime.breaker.CircuitBreakerConfig;
import dev.agentdispatch.runtime.breaker.CircuitOpenException;
import dev.agentdispatch.runtime.checkpoint.InMemorySaver;
import dev.agentdispatch.runtime.clock.ManualClock;
import dev.agentdispatch.runtime.events.AgentEvent;
import dev.agentdispatch.runtime.events.AgentEventName;
import dev.agentdispatch.runtime.events.AgentFailureClass;
import dev.agentdispatch.runtime.hooks.Hook;
import dev.agentdispatch.runtime.hooks.HookContext;
import dev.agentdispatch.runtime.lifecycle.AgentStatus;
import dev.agentdispatch.runtime.ratelimit.RateLimitExceededException;
import dev.agentdispatch.runtime.ratelimit.RateLimiter;
import dev.agentdispatch.runtime.ratelimit.TokenBucket;
import dev.agentdispatch.runtime.sinks.RingBufferEventSink;
import dev.agentdispatch.runtime.sinks.RingBufferUsageSink;
import dev.agentdispatch.runtime.usage.BudgetExceededException;
import dev.agentdispatch.runtime.usage.TestPricing;
import dev.agentdispatch.runtime.usage.UsageLimitExceededException;
import dev.agentdispatch.runtime.usage.UsageLimits;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SessionTurnTest {
  private final ManualClock clock = new ManualClock();
  private final RingBufferEventSink events = new RingBufferEventSink();

  private AgentSession.Builder agent() {
    return AgentSession.builder("writer", "draft")
        .clock(clock)
        .eventSink(events)
        .pricing(TestPricing.example());
  }

  private List<String> names() {
    return events.events().stream().map(e -> e.event().value()).toList();
  }

  @Test
  void happyTurnTracksUsageAndHooksTransform() {
    Hook shout =
        new Hook() {
          @Override
          public void beforeModel(HookContext ctx) {
            ctx.prompt("rewritten");
          }

          @Override
          public Object afterModel(HookContext ctx, Object result) {
            return result + "!";
          }
        };
    RingBufferUsageSink usage = new RingBufferUsageSink();
    Session s = agent().hook(shout).usageSink(usage).build().session();
    TurnResult<String> r =
        s.runTurn(
            ctx -> "saw " + ctx.hooks().prompt().orElse(""),
            TurnOptions.model("model-a").withUsage(UsageSnapshot.of(1000, 500)));
    assertThat(r.result()).isEqualTo("saw rewritten!");
    assertThat(s.usage().totalCost())
        .isCloseTo(0.0075, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(usage.records()).hasSize(1);
    s.close();
    assertThat(s.worker().status()).isEqualTo(AgentStatus.COMPLETED);
    assertThat(names()).containsExactly("agent.started", "agent.completed");
  }

  @Test
  void iterationCapDefaultsTo25AndZeroBlocksTheFirstTurn() {
    assertThat(agent().build().config().maxIterations()).isEqualTo(25);
    Session zero = agent().maxIterations(0).build().session();
    assertThatThrownBy(() -> zero.runTurn(ctx -> "x"))
        .isInstanceOf(MaxIterationsExceededException.class)
        .hasMessage("session reached max_iterations=0; raise the cap or shorten the loop");
    Session two = agent().maxIterations(2).build().session();
    two.runTurn(ctx -> 1);
    two.runTurn(ctx -> 2);
    assertThatThrownBy(() -> two.runTurn(ctx -> 3))
        .isInstanceOf(MaxIterationsExceededException.class);
  }

  @Test
  void rateLimitIsCheckedBeforeTheIterationCap() {
    RateLimiter limiter =
        new RateLimiter(Map.of(RateLimiter.RPM, new TokenBucket("rpm", 1, 0.001, clock)));
    Session s = agent().rateLimiter(limiter).maxIterations(0).build().session();
    // rpm has one token: the first call passes the limiter, then hits the cap
    assertThatThrownBy(() -> s.runTurn(ctx -> "x"))
        .isInstanceOf(MaxIterationsExceededException.class);
    assertThat(limiter.bucket("rpm").get().available()).isLessThan(1);
    org.assertj.core.api.Assertions.assertThatCode(() ->
            agent()
                .rateLimiter(
                    new RateLimiter(Map.of(RateLimiter.RPM, new TokenBucket("rpm", 1, 1, clock))))
                .build()
                .session()
                .runTurn(
                    ctx -> "x", TurnOptions.model("model-a").withUsage(UsageSnapshot.of(1, 1))))
        .doesNotThrowAnyException();
  }

  @Test
  void bookkeepingRecoveryRecordsAndRethrowsWithoutRetrying() {
    AtomicInteger calls = new AtomicInteger();
    Session s = agent().build().session();
    IllegalStateException failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class,
            () ->
                s.runTurn(ctx -> {
                  calls.incrementAndGet();
                  throw new IllegalStateException("503 service unavailable");
                }));
    assertThat(calls).hasValue(1);
    assertThat(names())
        .containsExactly("agent.started", "agent.recovery.attempted", "agent.recovery.succeeded");
    AgentEvent attempted = events.events().get(1);
    assertThat(attempted.detail()).contains("provider_failure: recovered");
    assertThat(events.events().get(2).data().get())
        .containsEntry("scenario", "provider_failure")
        .containsEntry("outcome", "recovered");
    s.fail(failure); // the failure ends the session (close() alone would complete it)
    assertThat(s.worker().status()).isEqualTo(AgentStatus.FAILED);
    AgentEvent last = events.events().get(events.events().size() - 1);
    assertThat(last.failureClass()).contains(AgentFailureClass.DEPENDENCY_FAILED);
    assertThat(last.detail()).contains("IllegalStateException raised");
    assertThat(last.terminal()).isTrue();
  }

  @Test
  void checkedExceptionsAreWrappedAndStillClassified() {
    Session s = agent().build().session();
    assertThatThrownBy(() ->
            s.runTurn(ctx -> {
              throw new java.io.IOException("disk");
            }))
        .isInstanceOf(SessionCallException.class)
        .hasCauseInstanceOf(java.io.IOException.class);
    assertThat(events.events().get(1).detail()).contains("dependency_timeout: recovered");
  }

  @Test
  void anOpenCircuitSkipsRecovery() {
    CircuitBreaker breaker =
        CircuitBreaker.of(CircuitBreakerConfig.defaults("llm").withFailureThreshold(1), clock);
    Session s = agent().circuitBreaker(breaker).build().session();
    assertThatThrownBy(() ->
        s.runTurn(ctx -> {
          throw new IllegalStateException("x");
        }));
    events.clear();
    assertThatThrownBy(() -> s.runTurn(ctx -> "never")).isInstanceOf(CircuitOpenException.class);
    assertThat(names()).isEmpty();
  }

  @Test
  void timeoutReturnsPromptlyAndClassifiesAsLlmTimeout() {
    CountDownLatch never = new CountDownLatch(1);
    Session s = agent().build().session();
    long start = System.nanoTime();
    assertThatThrownBy(() ->
            s.runTurn(
                ctx -> {
                  never.await();
                  return "late";
                },
                TurnOptions.defaults().withTimeout(Duration.ofMillis(100))))
        .isInstanceOf(TurnTimeoutException.class)
        .hasMessage("turn exceeded timeout of 0.100s");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(Duration.ofMillis(500 + 400));
    assertThat(events.events().get(1).detail()).contains("llm_timeout: recovered");
  }

  @Test
  void budgetEventByDefaultAndExceptionWhenEnforcedStrictly() {
    double cost = TestPricing.example().resolve("model-a").cost(UsageSnapshot.of(1000, 500));
    Session soft = agent().budgetUsd(cost).build().session();
    soft.runTurn(
        ctx -> "a",
        TurnOptions.model("model-a").withUsage(UsageSnapshot.of(1000, 500))); // exactly at budget
    assertThat(names()).doesNotContain("agent.failed");
    soft.runTurn(ctx -> "b", TurnOptions.model("model-a").withUsage(UsageSnapshot.of(1, 0)));
    AgentEvent warning = events.events().get(events.events().size() - 1);
    assertThat(warning.failureClass()).contains(AgentFailureClass.RATE_LIMIT);
    assertThat(warning.detail()).contains("budget exceeded: $0.0075");
    assertThat(warning.data().get()).containsEntry("budget_usd", cost);
    assertThat(warning.terminal()).isFalse();

    Session hard = agent().budgetUsd(cost).enforceBudget(true).build().session();
    hard.runTurn(ctx -> "a", TurnOptions.model("model-a").withUsage(UsageSnapshot.of(1000, 500)));
    assertThatThrownBy(() ->
            hard.runTurn(
                ctx -> "b", TurnOptions.model("model-a").withUsage(UsageSnapshot.of(1, 0))))
        .isInstanceOf(BudgetExceededException.class);
  }

  @Test
  void usageLimitEmitsThenThrowsAtOneMicroDollarOver() {
    Session s = agent().usageLimits(UsageLimits.NONE.withCostUsdMax(0.0075)).build().session();
    s.runTurn(ctx -> "a", TurnOptions.model("model-a").withUsage(UsageSnapshot.of(1000, 500)));
    assertThatThrownBy(() ->
            s.runTurn(ctx -> "b", TurnOptions.model("model-a").withUsage(UsageSnapshot.of(0, 1))))
        .isInstanceOf(UsageLimitExceededException.class)
        .hasMessage("usage limit exceeded on 'cost_usd': observed 7510 > ceiling 7500");
    AgentEvent e = events.events().get(events.events().size() - 1);
    assertThat(e.detail()).contains("usage limit exceeded: cost_usd");
    assertThat(e.data().get())
        .containsEntry("limit_name", "cost_usd")
        .containsEntry("observed", 7510L);
  }

  @Test
  void estimatorIsUsedWithoutExplicitUsage() {
    Session s = agent().build().session();
    TurnResult<String> r =
        s.runTurn(
            ctx -> "abcd",
            TurnOptions.model("model-a")
                .withEstimateUsage(res -> UsageSnapshot.of(res.toString().length(), 1)));
    assertThat(r.usage()).isEqualTo(UsageSnapshot.of(4, 1));
    assertThat(s.runTurn(ctx -> "x").usage()).isEqualTo(UsageSnapshot.EMPTY);
  }

  @Test
  void idempotentReplaySkipsTheCallButCountsTheIteration() {
    InMemorySaver saver = new InMemorySaver(clock);
    AgentSession agent = agent().saver(saver).maxIterations(3).build();
    Session s = agent.session("thread-1");
    AtomicInteger calls = new AtomicInteger();
    TurnOptions opts =
        TurnOptions.model("model-a").withUsage(UsageSnapshot.of(10, 2)).withIdempotencyKey("k1");
    TurnResult<Map<String, Object>> first =
        s.runTurn(
            ctx -> {
              calls.incrementAndGet();
              return Map.of("answer", 42);
            },
            opts);
    TurnResult<Map<String, Object>> again =
        s.runTurn(
            ctx -> {
              calls.incrementAndGet();
              return Map.of("answer", 0);
            },
            opts);
    assertThat(calls).hasValue(1);
    assertThat(again.result()).isEqualTo(Map.of("answer", 42));
    assertThat(again.usage()).isEqualTo(first.usage());
    assertThat(s.iterations()).isEqualTo(2);
    assertThat(saver.list("thread-1").get(0).metadata())
        .containsEntry("idempotency_key", "k1")
        .containsEntry("status", "completed");
    assertThatThrownBy(() -> agent.session(" ")).hasMessageContaining("thread_id");
  }

  @Test
  void aFailingSinkNeverBreaksTheSession() {
    List<AgentEvent> seen = new ArrayList<>();
    Session s =
        AgentSession.builder("r", "p")
            .clock(clock)
            .eventSink(e -> {
              seen.add(e);
              throw new IllegalStateException("sink down");
            })
            .usageSink((m, u, c) -> {
              throw new IllegalStateException("usage down");
            })
            .build()
            .session();
    s.runTurn(ctx -> "ok", TurnOptions.model("m").withUsage(UsageSnapshot.of(1, 1)));
    List<AgentEvent> local = s.events();
    assertThat(local)
        .filteredOn(e -> e.data().map(d -> "event_sink".equals(d.get("component"))).orElse(false))
        .isNotEmpty();
    assertThat(seen)
        .anySatisfy(
            e -> assertThat(e.data().orElse(Map.of())).containsEntry("component", "usage_sink"));
    assertThat(seen)
        .noneSatisfy(e -> assertThat(e.data().map(d -> d.get("component"))).contains("event_sink"));
  }

  @Test
  void runWrapsTheBodyLikeTheContextManager() {
    AgentSession agent = agent().projectId(9).build();
    assertThatThrownBy(() ->
        agent.run(s ->
            s.runTurn(ctx -> {
              throw new IllegalArgumentException("bad");
            })));
    AgentEvent last = events.events().get(events.events().size() - 1);
    assertThat(last.event()).isEqualTo(AgentEventName.FAILED);
    assertThat(last.failureClass()).contains(AgentFailureClass.VALIDATION_ERROR);
    assertThat(last.projectId()).contains(9L);
    String fine = agent.run(s -> s.runTurn(ctx -> "fine").result());
    assertThat(fine).isEqualTo("fine");
  }

  @Test
  void failureClassificationOrder() {
    assertThat(FailureClassification.forException(new RateLimitExceededException("rpm", 1)))
        .isEqualTo(AgentFailureClass.RATE_LIMIT);
    assertThat(FailureClassification.forException(new MaxIterationsExceededException(1)))
        .isEqualTo(AgentFailureClass.GOVERNANCE_BREACH);
    assertThat(
            FailureClassification.forException(new RuntimeException("blocked by content policy")))
        .isEqualTo(AgentFailureClass.PROMPT_REJECTION);
    assertThat(FailureClassification.forException(new RuntimeException("timeout")))
        .isEqualTo(AgentFailureClass.LLM_TIMEOUT);
    assertThat(FailureClassification.forException(new RuntimeException("weird")))
        .isEqualTo(AgentFailureClass.LLM_ERROR);
    assertThat(FailureClassification.forException(new java.util.concurrent.CancellationException()))
        .isEqualTo(AgentFailureClass.CANCELLED);
  }
}
