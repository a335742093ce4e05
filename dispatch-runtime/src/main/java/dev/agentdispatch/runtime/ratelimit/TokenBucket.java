package dev.agentdispatch.runtime.ratelimit;

import dev.agentdispatch.runtime.clock.RuntimeClock;
import dev.agentdispatch.runtime.internal.Checks;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A token bucket that starts full and refills continuously: {@code tokens = min(capacity, tokens +
 * elapsed * rate)}. {@link #acquire} waits through the injected clock in slices of at most 50 ms,
 * so a manual clock makes it deterministic.
 */
public final class TokenBucket {
  private static final double MAX_SLICE_SECONDS = 0.05;

  private final String name;
  private final double capacity;
  private final double refillPerSecond;
  private final RuntimeClock clock;
  private double tokens;
  private double lastRefill;

  public TokenBucket(String name, double capacity, double refillPerSecond, RuntimeClock clock) {
    this.name = Checks.nonBlank(name, "name");
    this.capacity = Checks.positive(capacity, "capacity");
    this.refillPerSecond = Checks.positive(refillPerSecond, "refill_per_second");
    this.clock = Objects.requireNonNull(clock, "clock is null");
    this.tokens = capacity;
    this.lastRefill = clock.monotonicSeconds();
  }

  public String name() {
    return name;
  }

  public double capacity() {
    return capacity;
  }

  /** Tokens available now. */
  public synchronized double available() {
    refill();
    return tokens;
  }

  /** Takes {@code n} tokens if available; {@code n == 0} always succeeds. */
  public synchronized boolean tryAcquire(double n) {
    Checks.nonNegative(n, "n");
    if (n == 0) {
      return true;
    }
    refill();
    if (tokens >= n) {
      tokens -= n;
      return true;
    }
    return false;
  }

  /**
   * Takes {@code n} tokens, waiting if needed.
   *
   * @throws RateLimitExceededException at once if {@code n > capacity}; or when the deadline has
   *     passed or the required wait exceeds the time remaining
   */
  public void acquire(double n, Optional<Duration> timeout) throws InterruptedException {
    Checks.nonNegative(n, "n");
    if (n > capacity) {
      throw new RateLimitExceededException(name, n);
    }
    double deadline =
        timeout
            .map(t -> clock.monotonicSeconds() + t.toNanos() / 1e9)
            .orElse(Double.POSITIVE_INFINITY);
    while (true) {
      double wait;
      synchronized (this) {
        if (tryAcquire(n)) {
          return;
        }
        wait = (n - tokens) / refillPerSecond;
      }
      double remaining = deadline - clock.monotonicSeconds();
      if (remaining <= 0 || wait > remaining) {
        throw new RateLimitExceededException(name, n);
      }
      clock.sleep(Duration.ofNanos((long) (Math.min(wait, MAX_SLICE_SECONDS) * 1e9)));
    }
  }

  private void refill() {
    double now = clock.monotonicSeconds();
    double elapsed = Math.max(0, now - lastRefill);
    tokens = Math.min(capacity, tokens + elapsed * refillPerSecond);
    lastRefill = now;
  }
}
