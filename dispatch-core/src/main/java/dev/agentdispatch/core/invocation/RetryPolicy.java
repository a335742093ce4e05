package dev.agentdispatch.core.invocation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Retry policy of a function, overridable per invocation (DESIGN §2).
 *
 * @param maxAttempts attempts in one chain, including the first (1..100)
 * @param initialBackoffMs delay before the second attempt, before jitter
 * @param backoffMultiplier growth factor per further attempt (≥ 1)
 * @param maxBackoffMs cap of the delay before jitter
 * @param jitter randomisation mode
 * @param nonRetryableErrors error types that end the invocation at once
 */
public record RetryPolicy(
    int maxAttempts,
    long initialBackoffMs,
    double backoffMultiplier,
    long maxBackoffMs,
    Jitter jitter,
    List<String> nonRetryableErrors) {

  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  public static final long DEFAULT_INITIAL_BACKOFF_MS = 1_000;
  public static final double DEFAULT_BACKOFF_MULTIPLIER = 2.0;
  public static final long DEFAULT_MAX_BACKOFF_MS = 60_000;
  public static final int MAX_ATTEMPTS_LIMIT = 100;

  /** Longest backoff, initial or capped: one day, so no delay arithmetic can overflow. */
  public static final long MAX_BACKOFF_LIMIT_MS = 86_400_000L;

  /** The documented defaults: 3 attempts, 1 s doubling to at most 60 s, full jitter. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(
          DEFAULT_MAX_ATTEMPTS,
          DEFAULT_INITIAL_BACKOFF_MS,
          DEFAULT_BACKOFF_MULTIPLIER,
          DEFAULT_MAX_BACKOFF_MS,
          Jitter.FULL,
          List.of());

  public RetryPolicy {
    Objects.requireNonNull(jitter, "jitter is null");
    nonRetryableErrors = List.copyOf(nonRetryableErrors);
    if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
      throw new IllegalArgumentException(
          "max_attempts must be between 1 and " + MAX_ATTEMPTS_LIMIT + ", got " + maxAttempts);
    }
    if (initialBackoffMs < 0) {
      throw new IllegalArgumentException(
          "initial_backoff_ms must be >= 0, got " + initialBackoffMs);
    }
    if (initialBackoffMs > MAX_BACKOFF_LIMIT_MS || maxBackoffMs > MAX_BACKOFF_LIMIT_MS) {
      throw new IllegalArgumentException(
          "initial_backoff_ms and max_backoff_ms must be at most "
              + MAX_BACKOFF_LIMIT_MS
              + " (one day), got "
              + Math.max(initialBackoffMs, maxBackoffMs));
    }
    if (!(backoffMultiplier >= 1.0) || Double.isInfinite(backoffMultiplier)) {
      throw new IllegalArgumentException(
          "backoff_multiplier must be a finite number >= 1, got " + backoffMultiplier);
    }
    if (maxBackoffMs < initialBackoffMs) {
      throw new IllegalArgumentException(
          "max_backoff_ms ("
              + maxBackoffMs
              + ") must be >= initial_backoff_ms ("
              + initialBackoffMs
              + ")");
    }
  }

  /**
   * A policy read back from storage. Values outside today's bounds (stored before they were
   * checked) are brought into them, so that one old row can break neither a read nor a loop.
   */
  public static RetryPolicy stored(
      int maxAttempts,
      long initialBackoffMs,
      double backoffMultiplier,
      long maxBackoffMs,
      Jitter jitter,
      List<String> nonRetryableErrors) {
    long initial = Math.clamp(initialBackoffMs, 0, MAX_BACKOFF_LIMIT_MS);
    return new RetryPolicy(
        Math.clamp(maxAttempts, 1, MAX_ATTEMPTS_LIMIT),
        initial,
        backoffMultiplier >= 1.0 && Double.isFinite(backoffMultiplier)
            ? backoffMultiplier
            : DEFAULT_BACKOFF_MULTIPLIER,
        Math.clamp(maxBackoffMs, initial, MAX_BACKOFF_LIMIT_MS),
        jitter,
        nonRetryableErrors);
  }

  /** True when an error of this type may be retried under this policy. */
  public boolean retries(String errorType) {
    return !nonRetryableErrors.contains(errorType);
  }

  /**
   * The delay before attempt {@code nextAttempt} (2 for the first retry), with jitter drawn from
   * {@code random} (uniform in [0, 1)).
   */
  public Duration backoffBefore(int nextAttempt, DoubleSupplier random) {
    double exponential =
        initialBackoffMs * Math.pow(backoffMultiplier, Math.max(0, nextAttempt - 2));
    long capped = (long) Math.min(maxBackoffMs, exponential);
    long delay =
        switch (jitter) {
          case NONE -> capped;
          case FULL -> (long) (random.getAsDouble() * (capped + 1));
          case EQUAL -> capped / 2 + (long) (random.getAsDouble() * (capped - capped / 2 + 1));
        };
    return Duration.ofMillis(Math.min(delay, capped));
  }
}
