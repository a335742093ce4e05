package dev.agentdispatch.core.invocation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Test factory for invocations. */
final class Invocations {
  static final Instant T0 = Instant.parse("2026-03-29T00:30:00Z");

  private Invocations() {}

  static Invocation pending(RetryPolicy retry) {
    InvocationSpec spec =
        new InvocationSpec(
            "inv-1", "default", "agent", "fn", "{}", 5, retry, Duration.ofSeconds(60), Optional.empty(),
            Optional.empty(), Optional.empty(), "trace-1", Optional.empty(), Optional.empty(), Optional.empty(),
            Message.FUNCTION, T0);
    return new Invocation(spec, InvocationState.initial(T0, T0, T0.plusSeconds(60)));
  }

  static RetryPolicy policy(int maxAttempts, List<String> nonRetryable) {
    return new RetryPolicy(maxAttempts, 1000, 2.0, 60_000, Jitter.NONE, nonRetryable);
  }
}
