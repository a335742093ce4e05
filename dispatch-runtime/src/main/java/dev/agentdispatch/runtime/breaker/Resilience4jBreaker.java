package dev.agentdispatch.runtime.breaker;

import dev.agentdispatch.runtime.clock.RuntimeClock;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@link CircuitBreaker} over a Resilience4j breaker. "N consecutive failures" is expressed as a
 * count-based window of N calls, a minimum of N calls and a 100% failure-rate threshold: the window
 * is all failures exactly when the last N calls failed. The recovery timeout becomes the open-state
 * wait (at least 1 ms, Resilience4j's floor), the probe count becomes the permitted half-open
 * calls, and the runtime clock drives Resilience4j's clock. Aborts release the permit without being
 * recorded. See {@link ConsecutiveFailureBreaker} for where the two differ.
 */
public final class Resilience4jBreaker implements CircuitBreaker {
  private final io.github.resilience4j.circuitbreaker.CircuitBreaker delegate;
  private final RuntimeClock clock;

  public Resilience4jBreaker(CircuitBreakerConfig config, RuntimeClock clock) {
    this.clock = Objects.requireNonNull(clock, "clock is null");
    Duration wait =
        config.recoveryTimeout().compareTo(Duration.ofMillis(1)) < 0
            ? Duration.ofMillis(1)
            : config.recoveryTimeout();
    var r4j =
        io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
            .slidingWindow(
                config.failureThreshold(), config.failureThreshold(), SlidingWindowType.COUNT_BASED)
            .failureRateThreshold(100f)
            .waitDurationInOpenState(wait)
            .permittedNumberOfCallsInHalfOpenState(config.halfOpenMaxProbes())
            .automaticTransitionFromOpenToHalfOpenEnabled(false)
            .clock(new MonotonicJavaClock(clock))
            .build();
    this.delegate = io.github.resilience4j.circuitbreaker.CircuitBreaker.of(config.name(), r4j);
  }

  /** The underlying Resilience4j breaker (for its event publisher and metrics). */
  public io.github.resilience4j.circuitbreaker.CircuitBreaker delegate() {
    return delegate;
  }

  @Override
  public String name() {
    return delegate.getName();
  }

  @Override
  public <T> T call(Callable<T> fn) throws Exception {
    if (!delegate.tryAcquirePermission()) {
      throw new CircuitOpenException(delegate.getName());
    }
    long start = clock.monotonic().toNanos();
    try {
      T result = fn.call();
      delegate.onSuccess(clock.monotonic().toNanos() - start, TimeUnit.NANOSECONDS);
      return result;
    } catch (Exception | Error e) {
      if (CircuitBreaker.isAbort(e)) {
        delegate.releasePermission();
      } else {
        delegate.onError(clock.monotonic().toNanos() - start, TimeUnit.NANOSECONDS, e);
      }
      throw e;
    }
  }

  @Override
  public CircuitState state() {
    switch (delegate.getState()) {
      case OPEN:
      case FORCED_OPEN:
        return CircuitState.OPEN;
      case HALF_OPEN:
        return CircuitState.HALF_OPEN;
      default:
        return CircuitState.CLOSED;
    }
  }

  @Override
  public int failureCount() {
    return delegate.getMetrics().getNumberOfFailedCalls();
  }

  @Override
  public void recordFailure() {
    if (delegate.tryAcquirePermission()) {
      delegate.onError(0, TimeUnit.NANOSECONDS, new RecordedFailure());
    }
  }

  @Override
  public void recordSuccess() {
    if (delegate.tryAcquirePermission()) {
      delegate.onSuccess(0, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void reset() {
    delegate.reset();
  }

  /** Marker for failures recorded outside {@link #call}. */
  private static final class RecordedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RecordedFailure() {
      super("failure recorded by the caller", null, false, false);
    }
  }

  /** A java.time.Clock whose instants follow the runtime's monotonic reading. */
  private static final class MonotonicJavaClock extends Clock {
    private final RuntimeClock clock;

    MonotonicJavaClock(RuntimeClock clock) {
      this.clock = clock;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.EPOCH.plus(clock.monotonic());
    }
  }
}
