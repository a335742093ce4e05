package dev.agentdispatch.server.app.invocations;

import dev.agentdispatch.core.invocation.Jitter;
import dev.agentdispatch.core.invocation.RetryPolicy;
import dev.agentdispatch.server.app.Check;
import dev.agentdispatch.server.app.ServiceException;
import java.util.List;
import java.util.Optional;

/**
 * A partial retry policy: what a caller sets, over the function's policy (or the default). Values
 * are checked when applied, by {@link RetryPolicy}'s own invariants.
 */
public record RetryOverride(
    Optional<Integer> maxAttempts,
    Optional<Long> initialBackoffMs,
    Optional<Double> backoffMultiplier,
    Optional<Long> maxBackoffMs,
    Optional<Jitter> jitter,
    Optional<List<String>> nonRetryableErrors) {

  /** From wire values, any of them null; a jitter name that is not one of ours is refused. */
  public static RetryOverride of(
      Integer maxAttempts,
      Long initialBackoffMs,
      Double backoffMultiplier,
      Long maxBackoffMs,
      String jitter,
      List<String> nonRetryableErrors) {
    Optional<Jitter> j =
        Optional.ofNullable(jitter)
            .map(name ->
                Jitter.parse(name)
                    .orElseThrow(() ->
                        new ServiceException.Invalid(
                            "retry.jitter must be one of full, equal, none; got '" + name + "'")));
    return new RetryOverride(
        Optional.ofNullable(maxAttempts),
        Optional.ofNullable(initialBackoffMs),
        Optional.ofNullable(backoffMultiplier),
        Optional.ofNullable(maxBackoffMs),
        j,
        Optional.ofNullable(nonRetryableErrors)
            .map(l -> List.copyOf(Check.bounded(l, "retry.non_retryable_errors"))));
  }

  /** The policy with these fields set; a raised initial backoff lifts the default cap with it. */
  public RetryPolicy over(RetryPolicy base) {
    try {
      return new RetryPolicy(
          maxAttempts.orElse(base.maxAttempts()),
          initialBackoffMs.orElse(base.initialBackoffMs()),
          backoffMultiplier.orElse(base.backoffMultiplier()),
          maxBackoffMs.orElse(Math.max(base.maxBackoffMs(), initialBackoffMs.orElse(0L))),
          jitter.orElse(base.jitter()),
          nonRetryableErrors.orElse(base.nonRetryableErrors()));
    } catch (IllegalArgumentException e) {
      throw new ServiceException.Invalid("retry: " + e.getMessage());
    }
  }
}
