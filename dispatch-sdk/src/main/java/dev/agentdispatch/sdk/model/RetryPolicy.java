package dev.agentdispatch.sdk.model;

import static java.util.Objects.requireNonNull;

import dev.agentdispatch.sdk.json.Normalize;
import java.util.List;

/**
 * How the server retries a failed attempt.
 *
 * @param maxAttempts total attempts, at least 1
 * @param initialBackoffMs delay before the second attempt
 * @param backoffMultiplier growth of the delay per attempt, at least 1
 * @param maxBackoffMs upper bound of the delay
 * @param jitter how the delay is randomised
 * @param nonRetryableErrors error types that end the invocation at once
 */
public record RetryPolicy(
    int maxAttempts,
    long initialBackoffMs,
    double backoffMultiplier,
    long maxBackoffMs,
    Jitter jitter,
    List<String> nonRetryableErrors) {

  /** Default total attempts. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  /** Default first backoff. */
  public static final long DEFAULT_INITIAL_BACKOFF_MS = 1_000;

  /** Default backoff growth. */
  public static final double DEFAULT_BACKOFF_MULTIPLIER = 2.0;

  /** Default backoff ceiling. */
  public static final long DEFAULT_MAX_BACKOFF_MS = 60_000;

  /** Validates the bounds and copies the list. */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
    }
    if (initialBackoffMs < 0 || maxBackoffMs < initialBackoffMs) {
      throw new IllegalArgumentException(
          "need 0 <= initialBackoffMs <= maxBackoffMs, got "
              + initialBackoffMs
              + " and "
              + maxBackoffMs);
    }
    if (backoffMultiplier < 1.0) {
      throw new IllegalArgumentException(
          "backoffMultiplier must be >= 1.0, got " + backoffMultiplier);
    }
    requireNonNull(jitter, "jitter is null");
    nonRetryableErrors = Normalize.list(nonRetryableErrors);
  }

  /**
   * Returns the server's default policy: 3 attempts, 1 s doubling up to 60 s, full jitter.
   *
   * @return the default policy
   */
  public static RetryPolicy defaults() {
    return new RetryPolicy(
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_INITIAL_BACKOFF_MS,
        DEFAULT_BACKOFF_MULTIPLIER,
        DEFAULT_MAX_BACKOFF_MS,
        Jitter.FULL,
        List.of());
  }

  /**
   * Returns a copy with another attempt count.
   *
   * @param attempts total attempts
   * @return the new policy
   */
  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(
        attempts, initialBackoffMs, backoffMultiplier, maxBackoffMs, jitter, nonRetryableErrors);
  }

  /**
   * Returns a copy with other non-retryable error types.
   *
   * @param errorTypes error types that end the invocation at once
   * @return the new policy
   */
  public RetryPolicy withNonRetryableErrors(List<String> errorTypes) {
    return new RetryPolicy(
        maxAttempts, initialBackoffMs, backoffMultiplier, maxBackoffMs, jitter, errorTypes);
  }
}
