package dev.agentdispatch.core.task;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a task retries and escalates, fixed when it is created (from its namespace's task settings),
 * so a later settings change never rewrites the rules of work under way.
 *
 * @param maxAttempts dispatches before the task escalates (or fails)
 * @param backoff the wait before the second dispatch; doubled for each further one
 * @param escalateAfter how long a task may wait without a candidate agent before it escalates
 * @param reassign whether a retry prefers a candidate that has not tried the task yet
 * @param escalate whether spent attempts escalate ({@code escalated}) or just fail ({@code failed})
 * @param verifier the function that judges the task's result before it completes (its type's
 *     verifier in the namespace's settings when the task was created); absent: no quality gate
 */
public record TaskPolicy(
    int maxAttempts,
    Duration backoff,
    Duration escalateAfter,
    boolean reassign,
    boolean escalate,
    Optional<TaskVerifier> verifier) {
  public static final int MAX_ATTEMPTS = 20;
  public static final TaskPolicy DEFAULT =
      new TaskPolicy(3, Duration.ofSeconds(5), Duration.ofHours(1), true, true);

  public TaskPolicy {
    if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
      throw new IllegalArgumentException(
          "max_attempts must be between 1 and " + MAX_ATTEMPTS + ", got " + maxAttempts);
    }
    Objects.requireNonNull(backoff, "backoff is null");
    Objects.requireNonNull(escalateAfter, "escalateAfter is null");
    Objects.requireNonNull(verifier, "verifier is null");
    if (backoff.isNegative() || backoff.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("backoff_seconds must be between 0 and 86400");
    }
    if (escalateAfter.isNegative() || escalateAfter.compareTo(Duration.ofDays(30)) > 0) {
      throw new IllegalArgumentException("escalate_after_seconds must be between 0 and 2592000");
    }
  }

  /** A policy without a verifier. */
  public TaskPolicy(
      int maxAttempts,
      Duration backoff,
      Duration escalateAfter,
      boolean reassign,
      boolean escalate) {
    this(maxAttempts, backoff, escalateAfter, reassign, escalate, Optional.empty());
  }

  /** This policy with {@code verifier} as its quality gate. */
  public TaskPolicy withVerifier(Optional<TaskVerifier> verifier) {
    return new TaskPolicy(maxAttempts, backoff, escalateAfter, reassign, escalate, verifier);
  }

  /** The wait before dispatch number {@code attempt + 1}, after {@code attempt} failed ones. */
  public Duration backoffAfter(int attempt) {
    int doublings = Math.min(Math.max(attempt - 1, 0), 16);
    return backoff.multipliedBy(1L << doublings);
  }
}
