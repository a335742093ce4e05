package dev.agentdispatch.server.api;

import dev.agentdispatch.core.invocation.Jitter;
import dev.agentdispatch.core.invocation.RetryPolicy;
import java.util.List;
import java.util.Optional;

/** Wire form of a retry policy; every field is optional and falls back to {@code base}. */
public record RetryBody(
    Integer maxAttempts, Long initialBackoffMs, Double backoffMultiplier, Long maxBackoffMs, String jitter,
    List<String> nonRetryableErrors) {

  public RetryPolicy over(RetryPolicy base) {
    Jitter j = jitter == null ? base.jitter()
        : Jitter.parse(jitter).orElseThrow(() -> new IllegalArgumentException(
            "retry.jitter must be one of full, equal, none; got '" + jitter + "'"));
    return new RetryPolicy(
        Optional.ofNullable(maxAttempts).orElse(base.maxAttempts()),
        Optional.ofNullable(initialBackoffMs).orElse(base.initialBackoffMs()),
        Optional.ofNullable(backoffMultiplier).orElse(base.backoffMultiplier()),
        Optional.ofNullable(maxBackoffMs).orElse(Math.max(base.maxBackoffMs(), Optional.ofNullable(initialBackoffMs).orElse(0L))),
        j,
        Optional.ofNullable(nonRetryableErrors).orElse(base.nonRetryableErrors()));
  }

  public static RetryBody of(RetryPolicy p) {
    return new RetryBody(p.maxAttempts(), p.initialBackoffMs(), p.backoffMultiplier(), p.maxBackoffMs(), p.jitter().wire(),
        p.nonRetryableErrors());
  }
}
