package dev.agentdispatch.sdk.model;

import dev.agentdispatch.sdk.json.Normalize;
import java.time.Duration;
import java.util.Optional;

/**
 * A rate limit the server enforces when an invocation is created: a token bucket holding {@code
 * burst} tokens (by default {@code limit}), refilled with {@code limit} tokens every {@code
 * periodSeconds}. Every new invocation takes a token from its agent's bucket and from its
 * function's; an idempotent repeat takes none. Event fan-out and schedule fires are not rate
 * limited.
 *
 * <pre>{@code
 * RateLimit.of(10, Duration.ofMinutes(1))            // reject the 11th in a minute (429)
 * RateLimit.of(600, Duration.ofMinutes(1)).throttle() // delay it instead
 * RateLimit.of(10, Duration.ofMinutes(1)).perKey()    // one bucket per concurrency_key
 * }</pre>
 *
 * @param limit tokens added per period, 1..1,000,000
 * @param periodSeconds the period in seconds, 1..86,400
 * @param burst the bucket's size, 1..1,000,000; empty for {@code limit}
 * @param byKey whether each {@code concurrency_key} has its own bucket (a function's limit)
 * @param mode what happens to an invocation over the limit
 */
public record RateLimit(
    int limit, int periodSeconds, Optional<Integer> burst, boolean byKey, RateLimitMode mode) {

  /** The most tokens per period (and the largest burst) the server accepts. */
  public static final int MAX_LIMIT = 1_000_000;

  /** The longest period the server accepts, in seconds (a day). */
  public static final int MAX_PERIOD_SECONDS = 86_400;

  /** Checks the bounds the server enforces. */
  public RateLimit {
    requireRange(limit, 1, MAX_LIMIT, "limit");
    requireRange(periodSeconds, 1, MAX_PERIOD_SECONDS, "periodSeconds");
    burst = Normalize.optional(burst);
    burst.ifPresent(b -> requireRange(b, 1, MAX_LIMIT, "burst"));
    mode = mode == null ? RateLimitMode.REJECT : mode;
  }

  /**
   * Creates a rejecting limit of {@code limit} invocations per {@code period}, bursting to {@code
   * limit}.
   *
   * @param limit invocations per period, 1..1,000,000
   * @param period whole seconds, 1 s .. 1 day
   * @return the limit
   */
  public static RateLimit of(int limit, Duration period) {
    if (period == null || period.getNano() != 0) {
      throw new IllegalArgumentException("period must be whole seconds, got " + period);
    }
    if (period.getSeconds() < 1 || period.getSeconds() > MAX_PERIOD_SECONDS) {
      throw new IllegalArgumentException("period must be between 1s and 1 day, got " + period);
    }
    return new RateLimit(
        limit, (int) period.getSeconds(), Optional.empty(), false, RateLimitMode.REJECT);
  }

  /**
   * Returns a copy whose bucket holds {@code size} tokens.
   *
   * @param size 1..1,000,000
   * @return the new limit
   */
  public RateLimit withBurst(int size) {
    return new RateLimit(limit, periodSeconds, Optional.of(size), byKey, mode);
  }

  /**
   * Returns a copy with one bucket per {@code concurrency_key} (meaningful on a function).
   *
   * @return the new limit
   */
  public RateLimit perKey() {
    return new RateLimit(limit, periodSeconds, burst, true, mode);
  }

  /**
   * Returns a copy that delays what is over the limit instead of refusing it.
   *
   * @return the new limit
   */
  public RateLimit throttle() {
    return new RateLimit(limit, periodSeconds, burst, byKey, RateLimitMode.THROTTLE);
  }

  /**
   * Returns the period as a duration.
   *
   * @return the refill period
   */
  public Duration period() {
    return Duration.ofSeconds(periodSeconds);
  }

  private static void requireRange(int value, int min, int max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be in " + min + ".." + max + ", got " + value);
    }
  }
}
