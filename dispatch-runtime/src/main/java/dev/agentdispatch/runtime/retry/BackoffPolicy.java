package dev.agentdispatch.runtime.retry;

import dev.agentdispatch.runtime.internal.Checks;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** A configured {@link Backoff}: base, cap and jitter mode, validated once. */
public record BackoffPolicy(double baseSeconds, double capSeconds, JitterMode jitter) {

  /** base=2.0 s, cap=60.0 s, decorrelated jitter. */
  public static final BackoffPolicy DEFAULT =
      new BackoffPolicy(Backoff.DEFAULT_BASE, Backoff.DEFAULT_CAP, Backoff.DEFAULT_JITTER);

  public BackoffPolicy {
    Checks.positive(baseSeconds, "base");
    Checks.positive(capSeconds, "cap");
    Objects.requireNonNull(jitter, "jitter is null");
  }

  /** The delay before retry {@code attempt}, given the previous delay (0 for none). */
  public double delaySeconds(int attempt, double prevDelaySeconds, RandomGenerator random) {
    return Backoff.delay(attempt, baseSeconds, jitter, capSeconds, prevDelaySeconds, random);
  }
}
