package dev.agentdispatch.runtime.clock;

import java.time.Duration;
import java.time.Instant;

/**
 * The runtime's one source of time: a monotonic reading for intervals (breaker timeouts, token
 * refill, elapsed time), a wall reading for event timestamps, and a sleep used by backoff. Tests
 * inject {@link ManualClock} so nothing ever waits for real.
 */
public interface RuntimeClock {

  /** Monotonic time since an arbitrary origin; only differences are meaningful. */
  Duration monotonic();

  /** The current wall-clock instant, in UTC. */
  Instant wallNow();

  /** Blocks for {@code duration} (a manual clock advances instead). */
  void sleep(Duration duration) throws InterruptedException;

  /** Monotonic time in seconds, the unit the specification's formulas use. */
  default double monotonicSeconds() {
    return monotonic().toNanos() / 1e9;
  }

  /** The system clock. */
  static RuntimeClock system() {
    return SystemClock.INSTANCE;
  }
}
