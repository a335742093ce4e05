package dev.agentdispatch.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskStateMachineTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static Task task(TaskPolicy policy) {
    TaskSpec spec =
        new TaskSpec(
            "t1",
            "ns",
            "title",
            Optional.empty(),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            5,
            Optional.empty(),
            Optional.of(Duration.ofMinutes(10)),
            policy,
            T0);
    return new Task(spec, TaskState.initial("triage", "created", T0, T0));
  }

  @Test
  void failedAttemptsBackOffThenEscalateAndARetryStartsAFreshChain() {
    TaskPolicy policy = new TaskPolicy(2, Duration.ofSeconds(5), Duration.ofHours(1), true, true);
    Task t = TaskStateMachine.assign(task(policy), 1, "a", "inv1", T0).after();
    t = TaskStateMachine.start(t, T0).after();
    TaskTransition failed = TaskStateMachine.fail(t, "boom", T0);
    assertThat(failed.after().status()).isEqualTo(TaskStatus.PENDING);
    assertThat(failed.after().state().routeAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(failed.reason()).contains("attempt 1 of 2 failed: boom");

    Task second = TaskStateMachine.assign(failed.after(), 2, "b", "inv2", T0).after();
    TaskTransition escalated = TaskStateMachine.fail(second, "boom again", T0);
    assertThat(escalated.escalated()).isTrue();
    assertThat(escalated.after().state().triedAgents()).containsExactly("a", "b");

    Task retried = TaskStateMachine.retry(escalated.after(), T0).after();
    assertThat(retried.status()).isEqualTo(TaskStatus.PENDING);
    assertThat(retried.state().attemptsInChain()).isZero();
    // Dispatch numbers keep growing, so each has its own invocation key.
    assertThatThrownBy(() -> TaskStateMachine.assign(retried, 1, "a", "inv3", T0))
        .isInstanceOf(IllegalTaskTransitionException.class);
    assertThat(TaskStateMachine.assign(retried, 3, "a", "inv3", T0).after().state().attempt())
        .isEqualTo(3);
  }

  @Test
  void operationsThatDoNotApplyAreRefused() {
    Task pending = task(TaskPolicy.DEFAULT);
    assertThatThrownBy(() -> TaskStateMachine.complete(pending, "{}", "r", T0))
        .isInstanceOf(IllegalTaskTransitionException.class)
        .hasMessageContaining("it is pending");
    assertThatThrownBy(() -> TaskStateMachine.retry(pending, T0))
        .isInstanceOf(IllegalTaskTransitionException.class);
    Task done =
        TaskStateMachine.complete(
                TaskStateMachine.assign(pending, 1, "a", "i", T0).after(), "{}", "r", T0)
            .after();
    assertThatThrownBy(() -> TaskStateMachine.timeOut(done, T0))
        .isInstanceOf(IllegalTaskTransitionException.class);
    Task noEscalation = task(new TaskPolicy(1, Duration.ZERO, Duration.ZERO, false, false));
    Task assigned = TaskStateMachine.assign(noEscalation, 1, "a", "i", T0).after();
    assertThat(TaskStateMachine.fail(assigned, "x", T0).after().status())
        .isEqualTo(TaskStatus.FAILED);
  }

  @Test
  void aVerdictIsAwaitedThenApprovesOrFailsTheAttempt() {
    TaskPolicy gated =
        new TaskPolicy(2, Duration.ZERO, Duration.ofHours(1), true, true)
            .withVerifier(Optional.of(TaskVerifier.parse("qa.verify")));
    Task running =
        TaskStateMachine.start(TaskStateMachine.assign(task(gated), 1, "a", "i1", T0).after(), T0)
            .after();
    TaskTransition held = TaskStateMachine.awaitVerdict(running, "{\"v\":1}", "returned", T0);
    assertThat(held.event()).isEqualTo("verifying");
    assertThat(held.after().status()).isEqualTo(TaskStatus.IN_PROGRESS);
    assertThat(held.after().state().verifying()).isTrue();
    assertThat(held.after().state().resultJson()).isEmpty();
    assertThatThrownBy(() -> TaskStateMachine.awaitVerdict(held.after(), "{}", "again", T0))
        .isInstanceOf(IllegalTaskTransitionException.class);

    TaskTransition approved = TaskStateMachine.approve(held.after(), "fine", T0);
    assertThat(approved.after().status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(approved.after().state().resultJson()).contains("{\"v\":1}");
    assertThat(approved.after().state().verifying()).isFalse();

    TaskTransition rejected = TaskStateMachine.fail(held.after(), "rejected", T0);
    assertThat(rejected.after().status()).isEqualTo(TaskStatus.PENDING);
    assertThat(rejected.after().state().verifying()).isFalse();
    assertThat(rejected.after().state().resultJson()).isEmpty();
    // Not awaiting a verdict: nothing to approve.
    assertThatThrownBy(() -> TaskStateMachine.approve(running, "fine", T0))
        .isInstanceOf(IllegalTaskTransitionException.class);
    // A deadline or a closed issue ends it without the verifier.
    assertThat(TaskStateMachine.timeOut(held.after(), T0).after().state().verifying()).isFalse();
    assertThat(
            TaskStateMachine.complete(held.after(), "{}", "closed", T0)
                .after()
                .state()
                .resultJson())
        .contains("{}");
  }

  @Test
  void verifiersAreAgentDotFunction() {
    assertThat(TaskVerifier.parse("qa.verify_task").agent()).isEqualTo("qa");
    for (String bad : List.of("qa", "qa.", ".f", "a.b.c", "a b.f", "")) {
      assertThatThrownBy(() -> TaskVerifier.parse(bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void anIssueRepositoryIsAPlainOwnerSlashName() {
    assertThat(IssueRef.plainRepo("acme/web.js")).isTrue();
    assertThat(IssueRef.plainRepo("acme/.github")).isTrue();
    for (String bad : List.of("a/..", "../b", "a//b", "a/b/c", "a/.", "/b", "a/", "a", "a/b c")) {
      assertThat(IssueRef.plainRepo(bad)).as(bad).isFalse();
    }
  }
}
