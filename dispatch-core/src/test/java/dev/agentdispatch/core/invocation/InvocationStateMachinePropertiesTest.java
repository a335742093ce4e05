package dev.agentdispatch.core.invocation;

import static dev.agentdispatch.core.invocation.InvocationStatus.COMPLETED;
import static dev.agentdispatch.core.invocation.InvocationStatus.ERROR;
import static dev.agentdispatch.core.invocation.InvocationStatus.PENDING;
import static dev.agentdispatch.core.invocation.InvocationStatus.RUNNING;
import static dev.agentdispatch.core.invocation.InvocationStatus.WAITING_FOR_INPUT;
import static dev.agentdispatch.core.invocation.Invocations.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Random sequences of calls on a fresh invocation, with arbitrary retry policies and clock steps.
 * Each call either applies or is refused with {@link IllegalTransitionException}; after each one
 * the invariants the machine promises must hold.
 */
class InvocationStateMachinePropertiesTest {

  /** The machine's operations; one step of a sequence calls one of them. */
  enum Call {
    LEASE,
    EXTEND_LEASE,
    COMPLETE,
    FAIL,
    PARK,
    RESUME,
    CANCEL,
    ACKNOWLEDGE_CANCEL,
    EXPIRE_LEASE,
    TIME_OUT_ATTEMPT,
    TIME_OUT,
    RETRY
  }

  /**
   * A call made {@code advance} after the previous one; {@code error} and {@code retryable} are for
   * FAIL.
   */
  record Step(Call call, Duration advance, Duration leaseFor, ErrorInfo error, boolean retryable) {}

  /** What one step did: the invocation afterwards, and the transition unless it was a heartbeat. */
  private record Applied(Invocation after, Optional<Transition> transition) {}

  @Property(tries = 1000)
  void everyCallAppliesOrIsRefusedAndTheInvariantsHold(
      @ForAll("policies") RetryPolicy policy,
      @ForAll("attemptTimeouts") Optional<Duration> attemptTimeout,
      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random,
      @ForAll("steps") List<Step> steps) {
    InvocationStateMachine machine = new InvocationStateMachine(() -> random);
    Invocation inv = fresh(policy, attemptTimeout);
    Instant now = T0;
    for (Step step : steps) {
      now = now.plus(step.advance());
      Invocation before = inv;
      Optional<Applied> applied = apply(machine, step, before, now);
      assertThat(applied.isPresent())
          .as("%s applies exactly when the status %s allows it", step.call(), before.status())
          .isEqualTo(allows(step.call(), before.status()));
      if (applied.isPresent()) {
        inv = applied.get().after();
        checkStep(step, before, applied.get(), now);
      }
      checkState(inv);
      Statistics.collect(inv.status());
    }
    Statistics.coverage(coverage -> {
      for (InvocationStatus status : InvocationStatus.values()) {
        coverage.check(status).count(c -> c > 0);
      }
    });
  }

  /**
   * A cancel requested of a running invocation ends it as cancelled, unless a late result wins or
   * the overall deadline passes first; it never leads to another attempt.
   *
   * <p>This found that an attempt timeout retried a cancelled run (lease, cancel, timeOutAttempt):
   * the lease sweeper times out attempts before it expires leases, so a worker that never
   * acknowledged the cancel got its run back.
   */
  @Property(tries = 1000)
  void aRequestedCancelEndsTheRunCancelledUnlessAResultOrTheDeadlineWins(
      @ForAll("policies") RetryPolicy policy,
      @ForAll("attemptTimeouts") Optional<Duration> attemptTimeout,
      @ForAll("steps") List<Step> steps) {
    InvocationStateMachine machine = new InvocationStateMachine(() -> 0.5);
    Invocation inv = fresh(policy, attemptTimeout);
    Instant now = T0;
    for (Step step : steps) {
      now = now.plus(step.advance());
      Invocation before = inv;
      Optional<Applied> applied = apply(machine, step, before, now);
      if (applied.isEmpty()) {
        continue;
      }
      inv = applied.get().after();
      if (before.status() == RUNNING
          && before.state().cancelRequested()
          && inv.status() != RUNNING) {
        assertThat(inv.status())
            .as("%s after a cancel request", step.call())
            .isIn(InvocationStatus.CANCELLED, COMPLETED, InvocationStatus.TIMED_OUT);
      }
    }
  }

  private static Invocation fresh(RetryPolicy policy, Optional<Duration> attemptTimeout) {
    InvocationSpec spec =
        InvocationSpec.builder("inv-1", "default", "agent", "fn")
            .payloadJson("{}")
            .retry(policy)
            .timeout(Duration.ofSeconds(60))
            .attemptTimeout(attemptTimeout)
            .traceId("trace-1")
            .createdAt(T0)
            .build();
    return new Invocation(spec, InvocationState.initial(T0, T0, T0.plus(spec.timeout())));
  }

  /** Calls the machine; empty when it refused. */
  private static Optional<Applied> apply(
      InvocationStateMachine machine, Step step, Invocation inv, Instant now) {
    try {
      if (step.call() == Call.EXTEND_LEASE) {
        return Optional.of(
            new Applied(machine.extendLease(inv, step.leaseFor(), now), Optional.empty()));
      }
      Transition t =
          switch (step.call()) {
            case LEASE ->
                machine.lease(inv, "lease-" + now.toEpochMilli(), "w1", step.leaseFor(), now);
            case COMPLETE -> machine.complete(inv, "{\"ok\":true}", now);
            case FAIL -> machine.fail(inv, step.error(), step.retryable(), now);
            case PARK -> machine.park(inv, "{\"ask\":\"approve?\"}", now);
            case RESUME -> machine.resume(inv, now);
            case CANCEL -> machine.cancel(inv, now);
            case ACKNOWLEDGE_CANCEL -> machine.acknowledgeCancel(inv, now);
            case EXPIRE_LEASE -> machine.expireLease(inv, now);
            case TIME_OUT_ATTEMPT -> machine.timeOutAttempt(inv, now);
            case TIME_OUT -> machine.timeOut(inv, now);
            case RETRY -> machine.retry(inv, now);
            case EXTEND_LEASE -> throw new AssertionError("handled above");
          };
      return Optional.of(new Applied(t.after(), Optional.of(t)));
    } catch (IllegalTransitionException refused) {
      // Invocations are immutable, so a refusal cannot have changed one; what can be wrong is its
      // reason.
      assertThat(refused.from()).isEqualTo(inv.status());
      return Optional.empty();
    }
  }

  /** The statuses each call accepts, as documented on the machine's methods. */
  private static boolean allows(Call call, InvocationStatus status) {
    return switch (call) {
      case LEASE -> status == PENDING;
      case RESUME -> status == WAITING_FOR_INPUT;
      case CANCEL, TIME_OUT -> !status.terminal();
      case RETRY -> status.terminal();
      case EXTEND_LEASE, COMPLETE, FAIL, PARK, ACKNOWLEDGE_CANCEL, EXPIRE_LEASE, TIME_OUT_ATTEMPT ->
          status == RUNNING;
    };
  }

  /** What must hold of one applied call. */
  private static void checkStep(Step step, Invocation before, Applied applied, Instant now) {
    Invocation after = applied.after();
    InvocationState was = before.state();
    InvocationState is = after.state();
    assertThat(after.spec()).isSameAs(before.spec());
    applied.transition().ifPresent(t -> assertThat(t.before()).isSameAs(before));
    if (after.status() != before.status()) {
      assertThat(InvocationStateMachine.allowed(before.status(), after.status()))
          .as("%s → %s is in the table", before.status(), after.status())
          .isTrue();
    }
    if (before.status().terminal()) {
      assertThat(step.call()).as("only a retry leaves a terminal status").isEqualTo(Call.RETRY);
      assertThat(after.status()).isEqualTo(PENDING);
    }
    assertThat(is.attempt())
        .isEqualTo(step.call() == Call.LEASE ? was.attempt() + 1 : was.attempt());
    if (!is.equals(was)) {
      assertThat(is.updatedAt()).isEqualTo(now);
    }
    applied
        .transition()
        .ifPresent(t -> {
          boolean attemptEnded = before.status() == RUNNING && after.status() != RUNNING;
          assertThat(t.attemptEnded().isPresent())
              .as("an attempt ends exactly when RUNNING is left")
              .isEqualTo(attemptEnded);
          t.attemptEnded().ifPresent(a -> assertThat(a.attempt()).isEqualTo(was.attempt()));
        });
  }

  /** What must hold of every state the machine makes. */
  private static void checkState(Invocation inv) {
    InvocationState s = inv.state();
    InvocationStatus status = s.status();
    assertThat(s.lease().isPresent())
        .as("lease present iff running (%s)", status)
        .isEqualTo(status == RUNNING);
    assertThat(s.finishedAt().isPresent())
        .as("finishedAt iff terminal (%s)", status)
        .isEqualTo(status.terminal());
    assertThat(s.deadLettered())
        .as("dead-lettered iff error (%s)", status)
        .isEqualTo(status == ERROR);
    assertThat(s.resultJson().isPresent())
        .as("a result (or prompt) only when completed or waiting (%s)", status)
        .isEqualTo(status == COMPLETED || status == WAITING_FOR_INPUT);
    if (status == PENDING || status == WAITING_FOR_INPUT) {
      assertThat(s.cancelRequested())
          .as("a cancel request outlives no attempt (%s)", status)
          .isFalse();
    }
    assertThat(s.startedAt().isPresent())
        .as("startedAt iff an attempt started")
        .isEqualTo(s.attempt() > 0);
    assertThat(s.attemptsInChain()).isBetween(0, inv.spec().retry().maxAttempts());
  }

  @Provide
  Arbitrary<RetryPolicy> policies() {
    Arbitrary<List<String>> nonRetryable =
        Arbitraries.of("Fatal", ErrorInfo.LEASE_EXPIRED, ErrorInfo.ATTEMPT_TIMED_OUT)
            .list()
            .uniqueElements()
            .ofMaxSize(3);
    return Combinators.combine(
            Arbitraries.integers().between(1, 4),
            Arbitraries.longs().between(0, 2_000),
            Arbitraries.doubles().between(1.0, 3.0),
            Arbitraries.longs().between(0, 60_000),
            Arbitraries.of(Jitter.class),
            nonRetryable)
        .as((max, initial, multiplier, extra, jitter, fatal) ->
            new RetryPolicy(max, initial, multiplier, initial + extra, jitter, fatal));
  }

  @Provide
  Arbitrary<Optional<Duration>> attemptTimeouts() {
    return Arbitraries.integers().between(1, 120).map(Duration::ofSeconds).optional(0.5);
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<ErrorInfo> errors =
        Arbitraries.of("IOException", "Fatal").map(type -> ErrorInfo.of(type, "boom"));
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.of(Call.class),
                Arbitraries.longs().between(0, 600_000).map(Duration::ofMillis),
                Arbitraries.integers().between(1, 120).map(Duration::ofSeconds),
                errors,
                Arbitraries.of(true, false))
            .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(40);
  }
}
