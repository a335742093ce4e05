package dev.agentdispatch.sdk.worker;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for reconnecting to the server: each delay is between half and
 * all of the current step, and the step doubles up to the maximum.
 */
final class Backoff {
  private final long initialMs;
  private final long maxMs;
  private final DoubleSupplier random;
  private long stepMs;

  Backoff(Duration initial, Duration max, DoubleSupplier random) {
    this.initialMs = initial.toMillis();
    this.maxMs = max.toMillis();
    this.random = random;
    this.stepMs = initialMs;
  }

  /** The next delay; the one after it is longer, up to the maximum. */
  Duration next() {
    long step = stepMs;
    stepMs = Math.min(maxMs, stepMs * 2);
    long delay = step / 2 + (long) (random.getAsDouble() * (step - step / 2));
    return Duration.ofMillis(delay);
  }

  /** Starts over after a success. */
  void reset() {
    stepMs = initialMs;
  }
}
