package dev.agentdispatch.runtime.breaker;

import dev.agentdispatch.runtime.clock.RuntimeClock;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

/**
 * Guards calls to a dependency that may be down. Two implementations: {@link
 * ConsecutiveFailureBreaker} (the specification's exact state machine, the default) and {@link
 * Resilience4jBreaker} (Resilience4j underneath, for users who want its events and metrics).
 */
public interface CircuitBreaker {

  /** The breaker's name, used in {@link CircuitOpenException}'s message. */
  String name();

  /**
   * Runs {@code fn} if the breaker admits it. An {@link Exception} from {@code fn} counts as a
   * failure and is rethrown; an abort ({@link #isAbort}) only releases a half-open permit.
   *
   * @throws CircuitOpenException when the breaker refuses the call
   */
  <T> T call(Callable<T> fn) throws Exception;

  /** The current state; a lazy view that does not change the breaker. */
  CircuitState state();

  /** {@code state() == OPEN}. */
  default boolean isOpen() {
    return state() == CircuitState.OPEN;
  }

  /** The consecutive failure count. */
  int failureCount();

  /** Counts one failure outside {@link #call}. */
  void recordFailure();

  /** Counts one success outside {@link #call}. */
  void recordSuccess();

  /** Back to CLOSED with every counter at zero. */
  void reset();

  /**
   * Whether {@code error} is a cancellation rather than a failure of the dependency: an {@link
   * InterruptedException}, a {@link CancellationException}, or an {@link Error}. This is the Java
   * reading of Python's "BaseException that is not an Exception".
   */
  static boolean isAbort(Throwable error) {
    return error instanceof InterruptedException
        || error instanceof CancellationException
        || error instanceof Error;
  }

  /** The default implementation with {@code config}. */
  static CircuitBreaker of(CircuitBreakerConfig config, RuntimeClock clock) {
    return new ConsecutiveFailureBreaker(config, clock);
  }
}
