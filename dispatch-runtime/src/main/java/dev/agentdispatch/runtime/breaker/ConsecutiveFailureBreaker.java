package dev.agentdispatch.runtime.breaker;

import dev.agentdispatch.runtime.clock.RuntimeClock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The specification's breaker, state machine for state machine.
 *
 * <table>
 *   <caption>Transitions of {@link #call}</caption>
 *   <tr><th>State</th><th>Condition</th><th>Action</th></tr>
 *   <tr><td>CLOSED</td><td>always</td><td>run; success resets the count, failure records it</td></tr>
 *   <tr><td>OPEN</td><td>now − lastFailure ≥ timeout</td><td>→ HALF_OPEN, admit as probe 1</td></tr>
 *   <tr><td>OPEN</td><td>otherwise</td><td>CircuitOpenException</td></tr>
 *   <tr><td>HALF_OPEN</td><td>probes ≥ max</td><td>CircuitOpenException</td></tr>
 *   <tr><td>HALF_OPEN</td><td>probes &lt; max</td><td>probes += 1, admit</td></tr>
 * </table>
 *
 * A probe that succeeds releases its permit and the breaker closes when none is left in flight; a
 * probe that fails reopens the breaker and drops every permit; an aborted probe only releases its
 * permit.
 *
 * <p><b>Why not Resilience4j underneath.</b> Resilience4j's breaker (see {@link
 * Resilience4jBreaker}) differs in ways a user of the Python library would notice: in half-open it
 * waits for all permitted probes and then compares a failure <em>rate</em> with the same threshold
 * used when closed, so one failed probe out of two closes a 100%-threshold breaker, where the
 * specification reopens on the first failed probe; it leaves OPEN only when the clock is strictly
 * after the wait ({@code isAfter}), where the specification uses {@code >=}; it refuses a wait
 * below 1 ms, where the specification allows 0; and its state query is not a lazy, non-mutating
 * view. For the default of one probe those differences shrink to the boundary instant, and the
 * adapter is there for users who want Resilience4j's registry, events and metrics.
 */
public final class ConsecutiveFailureBreaker implements CircuitBreaker {
  private final CircuitBreakerConfig config;
  private final RuntimeClock clock;

  private CircuitState state = CircuitState.CLOSED;
  private int failures;
  private Duration lastFailure; // null when there is none
  private int probesInFlight;
  private long probeGeneration; // bumped when permits are dropped, so stale probes are ignored

  public ConsecutiveFailureBreaker(CircuitBreakerConfig config, RuntimeClock clock) {
    this.config = Objects.requireNonNull(config, "config is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
  }

  public CircuitBreakerConfig config() {
    return config;
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public <T> T call(Callable<T> fn) throws Exception {
    long probe = admit();
    T result;
    try {
      result = fn.call();
    } catch (Exception | Error e) {
      if (CircuitBreaker.isAbort(e)) {
        releaseProbe(probe);
      } else {
        recordFailure();
      }
      throw e;
    }
    onSuccess(probe);
    return result;
  }

  /** Returns the probe generation for a probe, or -1 for an ordinary closed-state call. */
  private synchronized long admit() {
    if (state == CircuitState.OPEN) {
      if (!timeoutElapsed()) {
        throw new CircuitOpenException(config.name());
      }
      state = CircuitState.HALF_OPEN;
      probesInFlight = 1;
      return probeGeneration;
    }
    if (state == CircuitState.HALF_OPEN) {
      if (probesInFlight >= config.halfOpenMaxProbes()) {
        throw new CircuitOpenException(config.name());
      }
      probesInFlight++;
      return probeGeneration;
    }
    return -1;
  }

  private synchronized void onSuccess(long probe) {
    if (probe < 0) {
      failures = 0;
      if (state == CircuitState.CLOSED) {
        lastFailure = null;
      }
      return;
    }
    if (probe == probeGeneration && state == CircuitState.HALF_OPEN) {
      completeProbe();
    }
  }

  private synchronized void releaseProbe(long probe) {
    if (probe >= 0
        && probe == probeGeneration
        && state == CircuitState.HALF_OPEN
        && probesInFlight > 0) {
      probesInFlight--;
    }
  }

  private void completeProbe() {
    probesInFlight = Math.max(0, probesInFlight - 1);
    if (probesInFlight == 0) {
      state = CircuitState.CLOSED;
      failures = 0;
      lastFailure = null;
    }
  }

  private boolean timeoutElapsed() {
    return lastFailure == null
        || clock.monotonic().minus(lastFailure).compareTo(config.recoveryTimeout()) >= 0;
  }

  @Override
  public synchronized CircuitState state() {
    if (state == CircuitState.OPEN && timeoutElapsed()) {
      return CircuitState.HALF_OPEN;
    }
    return state;
  }

  @Override
  public synchronized int failureCount() {
    return failures;
  }

  @Override
  public synchronized void recordFailure() {
    failures++;
    lastFailure = clock.monotonic();
    if (state == CircuitState.HALF_OPEN) {
      state = CircuitState.OPEN;
      probesInFlight = 0;
      probeGeneration++;
    } else if (failures >= config.failureThreshold()) {
      state = CircuitState.OPEN;
    }
  }

  @Override
  public synchronized void recordSuccess() {
    failures = 0;
    if (state == CircuitState.HALF_OPEN) {
      completeProbe();
    } else if (state == CircuitState.CLOSED) {
      lastFailure = null;
    }
  }

  @Override
  public synchronized void reset() {
    state = CircuitState.CLOSED;
    failures = 0;
    lastFailure = null;
    probesInFlight = 0;
    probeGeneration++;
  }

  /** The number of half-open probes currently admitted. */
  public synchronized int probesInFlight() {
    return probesInFlight;
  }

  @Override
  public synchronized String toString() {
    return "CircuitBreaker["
        + config.name()
        + ", state="
        + state()
        + ", failures="
        + failures
        + ", probes="
        + probesInFlight
        + "/"
        + config.halfOpenMaxProbes()
        + "]";
  }
}
