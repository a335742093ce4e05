package dev.agentdispatch.core.invocation;

import static dev.agentdispatch.core.invocation.Invocations.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A session run pausing for input and resuming: RUNNING → WAITING_FOR_INPUT → PENDING. */
class ParkAndResumeTest {
  private final InvocationStateMachine machine = new InvocationStateMachine(() -> 0.5);

  private Invocation running() {
    return machine
        .lease(
            Invocations.pending(Invocations.policy(2, List.of())),
            "lease-1",
            "w1",
            Duration.ofSeconds(30),
            T0)
        .after();
  }

  @Test
  void parkEndsTheAttemptReleasesTheLeaseAndKeepsThePrompt() {
    Transition t = machine.park(running(), "{\"ask\":\"approve?\"}", T0.plusSeconds(1));
    assertThat(t.after().status()).isEqualTo(InvocationStatus.WAITING_FOR_INPUT);
    assertThat(t.after().state().lease()).isEmpty();
    assertThat(t.after().state().resultJson()).contains("{\"ask\":\"approve?\"}");
    assertThat(t.attemptEnded())
        .get()
        .extracting(AttemptOutcome::outcome)
        .isEqualTo("waiting_for_input");
    assertThat(t.becameTerminal()).isFalse();
  }

  @Test
  void resumeMakesItClaimableAtOnceWithAFreshBudgetAndDeadline() {
    Invocation waiting = machine.park(running(), "null", T0).after();
    Transition t = machine.resume(waiting, T0.plusSeconds(100));
    assertThat(t.after().status()).isEqualTo(InvocationStatus.PENDING);
    assertThat(t.after().state().availableAt()).isEqualTo(T0.plusSeconds(100));
    assertThat(t.after().state().deadlineAt()).isEqualTo(T0.plusSeconds(160));
    assertThat(t.after().state().attemptsInChain()).isZero();
    assertThat(t.after().state().resultJson()).isEmpty();
  }

  @Test
  void parkAfterACancelRequestEndsCancelledAndOnlyWaitingRunsResume() {
    Invocation cancelRequested = machine.cancel(running(), T0).after();
    assertThat(machine.park(cancelRequested, "null", T0).after().status())
        .isEqualTo(InvocationStatus.CANCELLED);
    assertThatThrownBy(() -> machine.resume(running(), T0))
        .isInstanceOf(IllegalTransitionException.class);
    assertThatThrownBy(() -> machine.park(Invocations.pending(RetryPolicy.DEFAULT), "null", T0))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void aWaitingRunCanBeCancelledOrTimedOutAtOnce() {
    Invocation waiting = machine.park(running(), "null", T0).after();
    assertThat(machine.cancel(waiting, T0).after().status()).isEqualTo(InvocationStatus.CANCELLED);
    assertThat(machine.timeOut(waiting, T0).after().status()).isEqualTo(InvocationStatus.TIMED_OUT);
  }
}
