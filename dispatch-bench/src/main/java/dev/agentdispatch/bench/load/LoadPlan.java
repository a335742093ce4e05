package dev.agentdispatch.bench.load;

import java.time.Duration;
import java.util.Objects;

/**
 * One load run: who to invoke, how many, how they are sent (closed loop with {@code concurrency}
 * callers, or open loop at {@code rate} per second), and how the workers lease and complete.
 *
 * @param rate invocations per second; 0 means closed loop
 * @param waitMs the long-poll of each lease call
 */
public record LoadPlan(
    String agent,
    String function,
    long count,
    int concurrency,
    int rate,
    int workers,
    int leaseBatch,
    int completeBatch,
    int enqueueBatch,
    int waitMs,
    int payloadBytes,
    Duration maxTime) {
  public LoadPlan {
    Objects.requireNonNull(agent, "agent is null");
    Objects.requireNonNull(function, "function is null");
    Objects.requireNonNull(maxTime, "maxTime is null");
  }

  public boolean fixedRate() {
    return rate > 0;
  }
}
