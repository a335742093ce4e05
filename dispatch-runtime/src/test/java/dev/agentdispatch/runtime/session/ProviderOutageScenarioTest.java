package dev.agentdispatch.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.runtime.breaker.CircuitBreaker;
import dev.agentdispatch.runtime.breaker.CircuitBreakerConfig;
import dev.agentdispatch.runtime.breaker.CircuitState;
import dev.agentdispatch.runtime.clock.ManualClock;
import dev.agentdispatch.runtime.events.AgentEvent;
import dev.agentdispatch.runtime.recovery.Escalation;
import dev.agentdispatch.runtime.recovery.RecoveryExecutor;
import dev.agentdispatch.runtime.retry.BackoffPolicy;
import dev.agentdispatch.runtime.retry.EscalationPolicy;
import dev.agentdispatch.runtime.retry.FailureScenario;
import dev.agentdispatch.runtime.retry.JitterMode;
import dev.agentdispatch.runtime.routing.StaticProviderRouter;
import dev.agentdispatch.runtime.sinks.RingBufferEventSink;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Scenarios for the acting recovery mode, on a manual clock: nothing sleeps for real. */
class ProviderOutageScenarioTest {
  private final ManualClock clock = new ManualClock();
  private final RingBufferEventSink events = new RingBufferEventSink();
  private final List<String> calledProviders = new ArrayList<>();

  /** A scripted provider set: "primary" is down, "backup" answers. */
  private String fakeModel(TurnContext ctx) {
    String provider = ctx.provider().orElseThrow();
    calledProviders.add(provider);
    if (provider.equals("primary")) {
      throw new IllegalStateException("502 Bad Gateway from primary");
    }
    return "answer from " + provider;
  }

  @Test
  void sessionSurvivesAProviderOutageBySwitchingProvider() {
    Map<String, CircuitBreaker> breakers = new HashMap<>();
    AgentSession agent =
        AgentSession.builder("researcher", "answer")
            .clock(clock)
            .eventSink(events)
            .initialProvider("primary")
            .providerRouter(new StaticProviderRouter(List.of("primary", "backup")))
            .breakerPerProvider(p ->
                breakers.computeIfAbsent(
                    p,
                    n ->
                        CircuitBreaker.of(
                            CircuitBreakerConfig.defaults(n).withFailureThreshold(1), clock)))
            .recovery(
                RecoveryExecutor.builder()
                    .clock(clock)
                    .random(new SplittableRandom(7))
                    .backoff(new BackoffPolicy(1.0, 10.0, JitterMode.NONE))
                    .build())
            .build();

    Session session = agent.session();
    TurnResult<String> r =
        session.runTurn(
            this::fakeModel, TurnOptions.model("model-a").withUsage(UsageSnapshot.of(10, 5)));

    assertThat(r.result()).isEqualTo("answer from backup");
    assertThat(calledProviders).containsExactly("primary", "backup");
    assertThat(session.currentProvider()).contains("backup");
    assertThat(session.worker().providerUsed()).contains("backup");
    assertThat(session.worker().retryCount()).isEqualTo(1);
    assertThat(breakers.get("primary").state()).isEqualTo(CircuitState.OPEN);
    assertThat(breakers.get("backup").state()).isEqualTo(CircuitState.CLOSED);
    assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(1)); // backoff 1.0^0, no jitter
    assertThat(events.events())
        .extracting(e -> e.event().value())
        .containsExactly(
            "agent.started",
            "agent.recovery.provider_switched",
            "agent.recovery.attempted",
            "agent.recovery.succeeded");
    AgentEvent switched = events.events().get(1);
    assertThat(switched.data().get())
        .containsEntry("from", "primary")
        .containsEntry("to", "backup");

    // The next turn goes straight to the provider that works.
    calledProviders.clear();
    assertThat(session.runTurn(this::fakeModel).result()).isEqualTo("answer from backup");
    assertThat(calledProviders).containsExactly("backup");
  }

  @Test
  void aConnectionResetOnThePrimarySwitchesToTheBackup() {
    Session session = Failover.agent("researcher", "answer", clock).build().session();

    TurnResult<String> r =
        session.runTurn(ctx -> {
          String provider = ctx.provider().orElseThrow();
          calledProviders.add(provider);
          if (provider.equals("primary")) {
            throw new java.net.SocketException("Connection reset");
          }
          return "answer from " + provider;
        });

    assertThat(r.result()).isEqualTo("answer from backup");
    assertThat(calledProviders).containsExactly("primary", "backup");
  }

  @Test
  void runIsEscalatedAfterAttemptsAreExhausted() {
    List<Escalation> escalations = new ArrayList<>();
    AgentSession agent =
        AgentSession.builder("researcher", "answer")
            .clock(clock)
            .eventSink(events)
            .recovery(
                RecoveryExecutor.builder()
                    .clock(clock)
                    .random(new SplittableRandom(7))
                    .escalationHandler(escalations::add)
                    .build())
            .build();
    int[] calls = {0};
    assertThatThrownBy(() ->
            agent.run(s ->
                s.runTurn(ctx -> {
                  calls[0]++;
                  throw new IllegalStateException("request timed out");
                })))
        .isInstanceOf(IllegalStateException.class);

    // LLM_TIMEOUT: 2 attempts allowed → the call runs 3 times, with 2 backoffs, then escalates.
    assertThat(calls[0]).isEqualTo(3);
    assertThat(clock.sleeps())
        .hasSize(2)
        .allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(18)));
    assertThat(escalations)
        .singleElement()
        .satisfies(e -> {
          assertThat(e.scenario()).isEqualTo(FailureScenario.LLM_TIMEOUT);
          assertThat(e.policy()).isEqualTo(EscalationPolicy.ALERT_HUMAN);
          assertThat(e.attempts()).isEqualTo(2);
          assertThat(e.reason()).isEqualTo("max attempts (2) exhausted for llm_timeout");
          assertThat(e.cause()).containsInstanceOf(IllegalStateException.class);
          assertThat(e.role()).isEqualTo("researcher");
        });
    assertThat(events.events())
        .extracting(e -> e.event().value())
        .containsExactly(
            "agent.started",
            "agent.recovery.attempted",
            "agent.recovery.succeeded",
            "agent.recovery.attempted",
            "agent.recovery.succeeded",
            "agent.recovery.attempted",
            "agent.recovery.escalated",
            "agent.failed");
  }

  @Test
  void withoutAnAlternativeProviderTheSwitchFailsAndTheTurnStops() {
    AgentSession agent =
        AgentSession.builder("r", "p")
            .clock(clock)
            .eventSink(events)
            .initialProvider("primary")
            .providerRouter(new StaticProviderRouter(List.of("primary")))
            .recovery(RecoveryExecutor.builder().clock(clock).build())
            .build();
    Session s = agent.session();
    assertThatThrownBy(() -> s.runTurn(this::fakeModel)).isInstanceOf(IllegalStateException.class);
    assertThat(calledProviders).containsExactly("primary");
    assertThat(events.events())
        .extracting(e -> e.event().value())
        .containsExactly("agent.started", "agent.recovery.attempted", "agent.recovery.failed");
    assertThat(events.events().get(2).data().get())
        .containsEntry("remaining_steps", List.of("switch_provider", "retry_with_backoff"));
  }

  @Test
  void contextOverflowShrinksTheBudgetBeforeTheRetry() {
    AgentSession agent =
        AgentSession.builder("r", "p")
            .clock(clock)
            .contextBudgetChars(8000)
            .recovery(RecoveryExecutor.builder().clock(clock).build())
            .build();
    List<Integer> budgets = new ArrayList<>();
    String out =
        agent
            .session()
            .runTurn(ctx -> {
              budgets.add(ctx.contextBudgetChars().getAsInt());
              if (ctx.attempt() == 1) {
                throw new IllegalArgumentException("context_length_exceeded");
              }
              return "fits";
            })
            .result();
    assertThat(out).isEqualTo("fits");
    assertThat(budgets).containsExactly(8000, 6000);
  }
}
