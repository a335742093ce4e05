package dev.agentdispatch.core.agent;

import java.time.Duration;
import java.util.Objects;

/**
 * How fast new invocations of an agent or function are admitted: a token bucket that refills {@code
 * limit} tokens per {@code period} and holds at most {@code burst}. Each admitted invocation takes
 * one token.
 *
 * @param byKey one bucket per {@code concurrency_key} (invocations without one share a bucket)
 *     rather than one for all
 * @param mode what happens to an invocation that finds the bucket empty
 */
public record RateLimit(int limit, Duration period, int burst, boolean byKey, Mode mode) {
  /** The most any bucket may hold or refill per period. */
  public static final int MAX_LIMIT = 1_000_000;

  /** A throttled invocation is never delayed further than this; past it, it is refused. */
  public static final Duration MAX_THROTTLE_DELAY = Duration.ofHours(1);

  /** What an over-rate invocation meets. */
  public enum Mode {
    /** Refused with 429 and {@code Retry-After}; nothing is stored. */
    REJECT,
    /** Accepted and delayed ({@code available_at}) until the bucket has a token for it. */
    THROTTLE
  }

  public RateLimit {
    Objects.requireNonNull(period, "period is null");
    Objects.requireNonNull(mode, "mode is null");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "rate_limit.limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    if (burst < 1 || burst > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "rate_limit.burst must be between 1 and " + MAX_LIMIT + ", got " + burst);
    }
    if (period.toMillis() < 1_000 || period.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException(
          "rate_limit.period_seconds must be between 1 and 86400, got " + period.toSeconds());
    }
  }

  /** Tokens added per second. */
  public double perSecond() {
    return limit * 1000.0 / period.toMillis();
  }
}
