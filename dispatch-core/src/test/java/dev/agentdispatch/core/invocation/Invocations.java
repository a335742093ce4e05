package dev.agentdispatch.core.invocation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Test factory for invocations. */
final class Invocations {
  static final Instant T0 = Instant.parse("2026-03-29T00:30:00Z");

  private Invocations() {}

  static Invocation pending(RetryPolicy retry) {
    InvocationSpec spec =
        InvocationSpec.builder("inv-1", "default", "agent", "fn")
            .payloadJson("{}")
            .retry(retry)
            .timeout(Duration.ofSeconds(60))
            .traceId("trace-1")
            .createdAt(T0)
            .build();
    return new Invocation(spec, InvocationState.initial(T0, T0, T0.plusSeconds(60)));
  }

  static RetryPolicy policy(int maxAttempts, List<String> nonRetryable) {
    return new RetryPolicy(maxAttempts, 1000, 2.0, 60_000, Jitter.NONE, nonRetryable);
  }
}
