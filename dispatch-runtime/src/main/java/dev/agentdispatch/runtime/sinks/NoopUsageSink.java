package dev.agentdispatch.runtime.sinks;

import dev.agentdispatch.runtime.usage.UsageSnapshot;

/** Validates (non-blank model, finite cost {@code >= 0}) and discards. The default usage sink. */
public final class NoopUsageSink implements UsageSink {
  public static final NoopUsageSink INSTANCE = new NoopUsageSink();

  private NoopUsageSink() {}

  @Override
  public void record(String model, UsageSnapshot usage, double costUsd) {
    new UsageRecord(model, usage, costUsd);
  }
}
