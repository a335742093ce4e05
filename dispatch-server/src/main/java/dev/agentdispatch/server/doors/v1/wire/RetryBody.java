package dev.agentdispatch.server.doors.v1.wire;

import dev.agentdispatch.core.invocation.RetryPolicy;
import dev.agentdispatch.server.app.invocations.RetryOverride;
import java.util.List;

/**
 * Wire form of a retry policy; every field is optional and falls back to the function's or the
 * default.
 */
public record RetryBody(
    Integer maxAttempts,
    Long initialBackoffMs,
    Double backoffMultiplier,
    Long maxBackoffMs,
    String jitter,
    List<String> nonRetryableErrors) {

  public RetryOverride override() {
    return RetryOverride.of(
        maxAttempts, initialBackoffMs, backoffMultiplier, maxBackoffMs, jitter, nonRetryableErrors);
  }

  public static RetryBody of(RetryPolicy p) {
    return new RetryBody(
        p.maxAttempts(),
        p.initialBackoffMs(),
        p.backoffMultiplier(),
        p.maxBackoffMs(),
        p.jitter().wire(),
        p.nonRetryableErrors());
  }
}
