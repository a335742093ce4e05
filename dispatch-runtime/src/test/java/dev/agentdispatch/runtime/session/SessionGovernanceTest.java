package dev.agentdispatch.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.runtime.clock.ManualClock;
import dev.agentdispatch.runtime.events.AgentEvent;
import dev.agentdispatch.runtime.events.AgentEventName;
import dev.agentdispatch.runtime.events.AgentEventStatus;
import dev.agentdispatch.runtime.events.AgentFailureClass;
import dev.agentdispatch.runtime.governance.GovernanceBreachException;
import dev.agentdispatch.runtime.governance.GovernanceLimit.MaxBudget;
import dev.agentdispatch.runtime.governance.GovernanceLimit.MaxConsecutiveFailures;
import dev.agentdispatch.runtime.governance.GovernanceLimit.MaxIterations;
import dev.agentdispatch.runtime.governance.GovernanceLimit.MaxToolCalls;
import dev.agentdispatch.runtime.governance.GovernancePlane;
import dev.agentdispatch.runtime.governance.OnBreach;
import dev.agentdispatch.runtime.lifecycle.AgentStatus;
import dev.agentdispatch.runtime.recovery.RecoveryExecutor;
import dev.agentdispatch.runtime.sinks.RingBufferEventSink;
import dev.agentdispatch.runtime.usage.TestPricing;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Governance wired into sessions (spec §19), with the pilot profile's values. */
class SessionGovernanceTest {
  private final ManualClock clock = new ManualClock();
  private final RingBufferEventSink events = new RingBufferEventSink();

  private AgentSession.Builder agent(GovernancePlane governance) {
    return AgentSession.builder("researcher", "answer")
        .clock(clock)
        .eventSink(events)
        .maxIterations(1000) // the session's own cap out of the way
        .governance(governance);
  }

  private List<AgentEvent> named(AgentEventName name) {
    return events.events().stream().filter(e -> e.event() == name).toList();
  }

  @Test
  void theTwentySixthTurnBreachesMaxIterationsAndEndsTheSessionWithoutRecovery() {
    AgentSession agent = agent(GovernancePlane.of(new MaxIterations(25))).build();
    AtomicInteger calls = new AtomicInteger();
    Session[] seen = new Session[1];
    assertThatThrownBy(() ->
            agent.run(s -> {
              seen[0] = s;
              for (int i = 0; i < 30; i++) {
                s.runTurn(ctx -> calls.incrementAndGet());
              }
              return "never";
            }))
        .isInstanceOf(GovernanceBreachException.class)
        .hasMessage(
            "governance limit 'max_iterations' breached: observed 26 > ceiling 25 (scope session)");
    assertThat(calls).hasValue(25); // the 26th turn never called the model
    List<AgentEvent> breach = named(AgentEventName.GOVERNANCE_BREACH);
    assertThat(breach).hasSize(1);
    assertThat(breach.get(0).status()).isEqualTo(AgentEventStatus.FAILED);
    assertThat(breach.get(0).failureClass()).contains(AgentFailureClass.GOVERNANCE_BREACH);
    assertThat(breach.get(0).detail()).contains("max_iterations: 26 > 25");
    assertThat(breach.get(0).data().get())
        .containsEntry("limit_name", "max_iterations")
        .containsEntry("observed", 26L)
        .containsEntry("ceiling", 25L)
        .containsEntry("scope", "session");
    assertThat(seen[0].recovery().events()).isEmpty();
    assertThat(seen[0].worker().status()).isEqualTo(AgentStatus.FAILED);
    AgentEvent last = events.events().get(events.events().size() - 1);
    assertThat(last.terminal()).isTrue();
    assertThat(last.detail()).contains("governance breach");
    assertThat(last.failureClass()).contains(AgentFailureClass.GOVERNANCE_BREACH);
  }

  @Test
  void anAlertLimitReportsTheHundredAndFirstToolCallAndLetsItRun() {
    Session s =
        agent(GovernancePlane.of(new MaxToolCalls(100, "session", OnBreach.ALERT)))
            .build()
            .session();
    for (int i = 0; i < 100; i++) {
      s.runTool("search", h -> "hit");
    }
    assertThat(named(AgentEventName.GOVERNANCE_ALERT)).isEmpty();
    String hit = s.runTool("search", h -> "hit");
    assertThat(hit).isEqualTo("hit");
    List<AgentEvent> alerts = named(AgentEventName.GOVERNANCE_ALERT);
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).status()).isEqualTo(AgentEventStatus.RUNNING);
    assertThat(alerts.get(0).failureClass()).isEmpty();
    assertThat(alerts.get(0).detail()).contains("max_tool_calls: 101 > 100");
    assertThat(s.governance().get().state().snapshot().toolCalls()).isEqualTo(101);
    s.close();
    assertThat(s.worker().status()).isEqualTo(AgentStatus.COMPLETED);
  }

  @Test
  void theFourthFailureInARowBreachesThreeConsecutiveFailuresAndASuccessResets() {
    Session s = agent(GovernancePlane.of(new MaxConsecutiveFailures(3))).build().session();
    TurnCall<String> failing =
        ctx -> {
          throw new IllegalStateException("model said no");
        };
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> s.runTurn(failing)).isInstanceOf(IllegalStateException.class);
    }
    assertThat(s.runTurn(ctx -> "ok").result()).isEqualTo("ok"); // resets the run
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> s.runTurn(failing)).isInstanceOf(IllegalStateException.class);
    }
    assertThat(named(AgentEventName.GOVERNANCE_BREACH)).isEmpty();
    assertThatThrownBy(() -> s.runTurn(failing))
        .isInstanceOfSatisfying(
            GovernanceBreachException.class,
            e -> {
              assertThat(e.limitName()).isEqualTo("max_consecutive_failures");
              assertThat(e.observed()).isEqualTo(4);
              assertThat(e.getSuppressed()[0]).hasMessage("model said no");
            });
    assertThat(named(AgentEventName.GOVERNANCE_BREACH).get(0).detail())
        .contains("max_consecutive_failures: 4 > 3");
  }

  @Test
  void theBudgetIsCheckedAfterTheTurnThatSpentIt() {
    Session s =
        agent(GovernancePlane.of(new MaxBudget(0.01)))
            .pricing(TestPricing.example())
            .build()
            .session();
    // model-a costs $2.50 per million input tokens: 2000 tokens are $0.005.
    TurnOptions halfACent = TurnOptions.model("model-a").withUsage(UsageSnapshot.of(2000, 0));
    s.runTurn(ctx -> "one", halfACent);
    s.runTurn(ctx -> "two", halfACent); // exactly $0.01: not above the ceiling
    AtomicInteger third = new AtomicInteger();
    assertThatThrownBy(() -> s.runTurn(ctx -> third.incrementAndGet(), halfACent))
        .isInstanceOf(GovernanceBreachException.class);
    assertThat(third).hasValue(1); // the breach surfaces after the turn that spent the money
    AgentEvent breach = named(AgentEventName.GOVERNANCE_BREACH).get(0);
    assertThat(breach.detail().get()).startsWith("max_budget_usd: 0.015");
    assertThat(breach.data().get()).containsEntry("ceiling", 0.01);
  }

  @Test
  void aBreachRaisedInsideATurnIsNeverRecovered() {
    Session s =
        agent(GovernancePlane.of(new MaxToolCalls(0)))
            .recovery(RecoveryExecutor.builder().clock(clock).build())
            .build()
            .session();
    // A tool called from inside the turn breaches; acting recovery must not retry the turn.
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() ->
            s.runTurn(ctx -> {
              attempts.incrementAndGet();
              return s.runTool("search", h -> "hit");
            }))
        .isInstanceOf(GovernanceBreachException.class);
    assertThat(attempts).hasValue(1);
    assertThat(s.recovery().events()).isEmpty();
    assertThat(named(AgentEventName.RECOVERY_ATTEMPTED)).isEmpty();
  }
}
