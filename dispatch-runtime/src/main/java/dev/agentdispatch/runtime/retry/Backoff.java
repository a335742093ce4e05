package dev.agentdispatch.runtime.retry;

import dev.agentdispatch.runtime.internal.Checks;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The backoff formula of the specification, in seconds. With {@code capExp = min(cap,
 * base^attempt)} (an overflow gives {@code cap}):
 *
 * <ul>
 *   <li>{@code none}: {@code capExp}
 *   <li>{@code full}: {@code uniform(0, capExp)}
 *   <li>{@code equal}: {@code capExp/2 + uniform(0, capExp/2)}
 *   <li>{@code decorrelated}: {@code anchor = prevDelay > 0 ? prevDelay : base}, then {@code
 *       min(cap, uniform(base, max(base, 3*anchor)))}.
 * </ul>
 *
 * <p>Kept for parity and documented on purpose: decorrelated jitter ignores {@code attempt}, and it
 * never returns less than {@code base} unless {@code base > cap}, when it returns {@code cap}.
 */
public final class Backoff {
  /** Default base, in seconds. */
  public static final double DEFAULT_BASE = 2.0;

  /** Default cap, in seconds. */
  public static final double DEFAULT_CAP = 60.0;

  /** Default jitter mode. */
  public static final JitterMode DEFAULT_JITTER = JitterMode.DECORRELATED;

  private Backoff() {}

  /** {@link #delay(int, double, JitterMode, double, double, RandomGenerator)} with all defaults. */
  public static double delay(int attempt, RandomGenerator random) {
    return delay(attempt, DEFAULT_BASE, DEFAULT_JITTER, DEFAULT_CAP, 0.0, random);
  }

  /**
   * The delay in seconds before retry {@code attempt}.
   *
   * @param attempt retry number, {@code >= 0}
   * @param base {@code > 0}
   * @param jitter the jitter mode
   * @param cap {@code > 0}
   * @param prevDelay the previous delay, {@code >= 0}; only the decorrelated mode reads it
   * @param random the random source (inject a seeded one in tests)
   */
  public static double delay(
      int attempt,
      double base,
      JitterMode jitter,
      double cap,
      double prevDelay,
      RandomGenerator random) {
    if (attempt < 0) {
      throw new IllegalArgumentException("attempt must be >= 0, got " + attempt);
    }
    Checks.positive(base, "base");
    Checks.positive(cap, "cap");
    Checks.nonNegative(prevDelay, "prev_delay");
    Objects.requireNonNull(jitter, "jitter is null");
    Objects.requireNonNull(random, "random is null");
    double power = Math.pow(base, attempt);
    double capExp = Double.isFinite(power) ? Math.min(cap, power) : cap;
    switch (jitter) {
      case NONE:
        return capExp;
      case FULL:
        return uniform(random, 0, capExp);
      case EQUAL:
        return capExp / 2 + uniform(random, 0, capExp / 2);
      case DECORRELATED:
      default:
        double anchor = prevDelay > 0 ? prevDelay : base;
        return Math.min(cap, uniform(random, base, Math.max(base, anchor * 3)));
    }
  }

  private static double uniform(RandomGenerator random, double low, double high) {
    return low + (high - low) * random.nextDouble();
  }
}
