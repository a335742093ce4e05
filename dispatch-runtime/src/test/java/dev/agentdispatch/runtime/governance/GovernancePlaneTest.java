package dev.agentdispatch.runtime.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.runtime.governance.GovernanceLimit.MaxBudget;
import dev.agentdispatch.runtime.governance.GovernanceLimit.MaxConsecutiveFailures;
import dev.agentdispatch.runtime.governance.GovernanceLimit.MaxIterations;
import dev.agentdispatch.runtime.governance.GovernanceLimit.MaxToolCalls;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GovernancePlaneTest {

  @Test
  void limitsNameTheirCounterAndBreachOnlyStrictlyAbove() {
    GovernancePlane plane =
        GovernancePlane.of(
            new MaxIterations(25),
            new MaxBudget(0.5),
            new MaxConsecutiveFailures(3),
            new MaxToolCalls(100));
    GovernanceState s = plane.state();
    for (int i = 0; i < 25; i++) {
      s.recordTurnStart();
    }
    for (int i = 0; i < 100; i++) {
      s.recordToolCall();
    }
    s.recordFailure();
    s.recordFailure();
    s.recordFailure();
    s.recordCost(0.5);
    List<LimitOutcome> atTheCeiling = plane.enforce();
    assertThat(atTheCeiling)
        .extracting(LimitOutcome::limitName)
        .containsExactly(
            "max_iterations", "max_budget_usd", "max_consecutive_failures", "max_tool_calls");
    assertThat(atTheCeiling).noneMatch(LimitOutcome::breached);

    s.recordTurnStart();
    LimitOutcome iterations = plane.evaluate().get(0);
    assertThat(iterations.breached()).isTrue();
    assertThat(iterations.detail()).isEqualTo("max_iterations: 26 > 25");
    assertThat(iterations.data())
        .containsEntry("limit_name", "max_iterations")
        .containsEntry("observed", 26L)
        .containsEntry("ceiling", 25L)
        .containsEntry("scope", "session");
    assertThatThrownBy(plane::enforce)
        .isInstanceOf(GovernanceBreachException.class)
        .hasMessage(
            "governance limit 'max_iterations' breached: observed 26 > ceiling 25 (scope session)");

    s.recordSuccess(); // resets the run of failures only
    assertThat(s.snapshot().consecutiveFailures()).isZero();
    assertThat(s.snapshot().turns()).isEqualTo(26);
  }

  @Test
  void enforceThrowsTheFirstTerminateBreachAndOnlyReportsAlerts() {
    GovernancePlane plane =
        GovernancePlane.of(
            new MaxToolCalls(0, "session", OnBreach.ALERT),
            new MaxBudget(0.0),
            new MaxIterations(0));
    plane.state().recordToolCall();
    List<String> alerts = new ArrayList<>();
    List<String> breaches = new ArrayList<>();
    assertThat(plane.enforce(o -> alerts.add(o.detail()), o -> breaches.add(o.detail())))
        .hasSize(3); // an alert never short-circuits
    assertThat(alerts).containsExactly("max_tool_calls: 1 > 0");
    assertThat(breaches).isEmpty();

    plane.state().recordTurnStart();
    plane.state().recordCost(0.25);
    assertThatThrownBy(() -> plane.enforce(o -> {}, o -> breaches.add(o.detail())))
        .isInstanceOfSatisfying(
            GovernanceBreachException.class,
            e -> {
              assertThat(e.limitName()).isEqualTo("max_budget_usd"); // declared before iterations
              assertThat(e.observed()).isEqualTo(0.25);
              assertThat(e.ceiling()).isEqualTo(0.0);
              assertThat(e.scope()).isEqualTo("session");
            });
    assertThat(breaches).containsExactly("max_budget_usd: 0.25 > 0.0");
  }

  @Test
  void forSessionKeepsTheLimitsWithAFreshState() {
    GovernancePlane plane = GovernancePlane.of(new MaxIterations(1));
    plane.state().recordTurnStart();
    plane.state().recordTurnStart();
    GovernancePlane fresh = plane.forSession();
    assertThat(fresh.limits()).isEqualTo(plane.limits());
    assertThat(fresh.state().snapshot().turns()).isZero();
    assertThat(fresh.enforce()).noneMatch(LimitOutcome::breached);
  }

  @Test
  void invalidLimitsAndBreachesAreRefused() {
    assertThatThrownBy(() -> new MaxIterations(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MaxBudget(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MaxToolCalls(1, "project", OnBreach.TERMINATE))
        .hasMessage("scope must be 'session', got 'project'");
    assertThatThrownBy(() -> OnBreach.fromValue("warn"))
        .hasMessage("on_breach must be 'terminate' or 'alert', got warn");
    assertThat(OnBreach.fromValue("alert")).isEqualTo(OnBreach.ALERT);
    assertThatThrownBy(() -> new GovernanceBreachException("max_iterations", 3, 3, "session"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GovernanceState().recordCost(-0.01))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
