package dev.agentdispatch.core.invocation;

import static dev.agentdispatch.core.invocation.Invocations.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvocationStateMachineTest {
  private final InvocationStateMachine machine = new InvocationStateMachine(() -> 0.5);
  private static final Duration LEASE = Duration.ofSeconds(30);

  private Invocation running(RetryPolicy policy) {
    return machine.lease(Invocations.pending(policy), "lease-1", "w1", LEASE, T0).after();
  }

  @Test
  void leaseStartsAnAttempt() {
    Transition t =
        machine.lease(Invocations.pending(RetryPolicy.DEFAULT), "lease-1", "w1", LEASE, T0);
    assertThat(t.after().status()).isEqualTo(InvocationStatus.RUNNING);
    assertThat(t.after().state().attempt()).isEqualTo(1);
    assertThat(t.after().state().lease())
        .get()
        .extracting(Lease::expiresAt)
        .isEqualTo(T0.plus(LEASE));
    assertThat(t.after().state().startedAt()).contains(T0);
  }

  @Test
  void failureWithAttemptsLeftGoesBackToPendingAfterBackoff() {
    Transition t =
        machine.fail(
            running(Invocations.policy(3, List.of())),
            ErrorInfo.of("IOException", "boom"),
            true,
            T0);
    assertThat(t.after().status()).isEqualTo(InvocationStatus.PENDING);
    assertThat(t.after().state().availableAt()).isEqualTo(T0.plusMillis(1000));
    assertThat(t.after().state().lease()).isEmpty();
    assertThat(t.attemptEnded()).get().extracting(AttemptOutcome::outcome).isEqualTo("error");
  }

  @Test
  void exhaustedAttemptsEndInErrorOnTheDeadLetterList() {
    Invocation inv = running(Invocations.policy(1, List.of()));
    Transition t = machine.fail(inv, ErrorInfo.of("IOException", "boom"), true, T0);
    assertThat(t.after().status()).isEqualTo(InvocationStatus.ERROR);
    assertThat(t.after().state().deadLettered()).isTrue();
    assertThat(t.becameTerminal()).isTrue();
  }

  @Test
  void nonRetryableErrorTypeAndWorkerFlagEndAtOnce() {
    Invocation inv = running(Invocations.policy(5, List.of("ValueError")));
    assertThat(machine.fail(inv, ErrorInfo.of("ValueError", "bad"), true, T0).after().status())
        .isEqualTo(InvocationStatus.ERROR);
    assertThat(machine.fail(inv, ErrorInfo.of("Other", "bad"), false, T0).after().status())
        .isEqualTo(InvocationStatus.ERROR);
  }

  @Test
  void cancelOfRunningOnlyRequestsItAndTheAcknowledgementEndsIt() {
    Invocation inv = running(RetryPolicy.DEFAULT);
    Transition requested = machine.cancel(inv, T0);
    assertThat(requested.after().status()).isEqualTo(InvocationStatus.RUNNING);
    assertThat(requested.after().state().cancelRequested()).isTrue();
    Transition acked = machine.acknowledgeCancel(requested.after(), T0);
    assertThat(acked.after().status()).isEqualTo(InvocationStatus.CANCELLED);
  }

  @Test
  void expiredLeaseRetriesButEndsCancelledWhenCancelWasRequested() {
    Invocation inv = running(RetryPolicy.DEFAULT);
    assertThat(machine.expireLease(inv, T0).after().status()).isEqualTo(InvocationStatus.PENDING);
    Invocation cancelRequested = machine.cancel(inv, T0).after();
    assertThat(machine.expireLease(cancelRequested, T0).after().status())
        .isEqualTo(InvocationStatus.CANCELLED);
  }

  @Test
  void anUndeliveredLeaseIsGivenBackClaimableAtOnceWithItsAttemptUnspent() {
    Invocation inv = running(Invocations.policy(1, List.of()));
    Transition t = machine.giveBack(inv, T0.plusSeconds(5));
    assertThat(t.after().status()).isEqualTo(InvocationStatus.PENDING);
    assertThat(t.after().state().lease()).isEmpty();
    assertThat(t.after().state().availableAt()).isBeforeOrEqualTo(T0.plusSeconds(5));
    assertThat(t.attemptEnded())
        .get()
        .extracting(AttemptOutcome::outcome)
        .isEqualTo(InvocationStateMachine.UNDELIVERED);
    // Its one attempt is still to come: leased again, then failed, it is out of attempts only now.
    Invocation again = machine.lease(t.after(), "lease-2", "w2", LEASE, T0).after();
    assertThat(again.state().attempt()).isEqualTo(2);
    assertThat(again.state().attemptsInChain()).isEqualTo(1);
    assertThat(machine.fail(again, ErrorInfo.of("IOException", "boom"), true, T0).after().status())
        .isEqualTo(InvocationStatus.ERROR);
    Invocation cancelRequested = machine.cancel(inv, T0).after();
    assertThat(machine.giveBack(cancelRequested, T0).after().status())
        .isEqualTo(InvocationStatus.CANCELLED);
    assertThatThrownBy(() -> machine.giveBack(t.after(), T0))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void completingAPendingOrTerminalInvocationIsRefused() {
    Invocation pending = Invocations.pending(RetryPolicy.DEFAULT);
    assertThatThrownBy(() -> machine.complete(pending, "{}", T0))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("it is pending");
    Invocation done = machine.complete(running(RetryPolicy.DEFAULT), "{}", T0).after();
    assertThatThrownBy(() -> machine.complete(done, "{}", T0))
        .isInstanceOf(IllegalTransitionException.class);
    assertThatThrownBy(() -> machine.cancel(done, T0))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void manualRetryStartsAFreshChain() {
    Invocation failed =
        machine
            .fail(running(Invocations.policy(1, List.of())), ErrorInfo.of("X", "x"), true, T0)
            .after();
    Transition t = machine.retry(failed, T0.plusSeconds(5));
    assertThat(t.after().status()).isEqualTo(InvocationStatus.PENDING);
    assertThat(t.after().state().attemptsInChain()).isZero();
    assertThat(t.after().state().deadLettered()).isFalse();
    assertThat(t.after().state().deadlineAt()).isEqualTo(T0.plusSeconds(65));
    Invocation again = machine.lease(t.after(), "lease-2", "w1", LEASE, T0).after();
    assertThat(again.state().attempt()).isEqualTo(2);
  }

  @Test
  void timeOutEndsPendingAndRunning() {
    assertThat(machine.timeOut(Invocations.pending(RetryPolicy.DEFAULT), T0).after().status())
        .isEqualTo(InvocationStatus.TIMED_OUT);
    Transition t = machine.timeOut(running(RetryPolicy.DEFAULT), T0);
    assertThat(t.after().status()).isEqualTo(InvocationStatus.TIMED_OUT);
    assertThat(t.attemptEnded()).get().extracting(AttemptOutcome::outcome).isEqualTo("timed_out");
  }

  @Test
  void terminalStatusesOnlyLeadBackToPending() {
    for (InvocationStatus from : InvocationStatus.values()) {
      for (InvocationStatus to : InvocationStatus.values()) {
        if (from.terminal() && InvocationStateMachine.allowed(from, to)) {
          assertThat(to).isEqualTo(InvocationStatus.PENDING);
        }
      }
    }
  }
}
