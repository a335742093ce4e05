package dev.agentdispatch.runtime.sinks;

import dev.agentdispatch.runtime.internal.Checks;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import java.util.Objects;

/** One {@link UsageSink#record} call, validated: non-blank model, finite cost {@code >= 0}. */
public record UsageRecord(String model, UsageSnapshot usage, double costUsd) {
  public UsageRecord {
    model = Checks.nonBlank(model, "model");
    Objects.requireNonNull(usage, "usage is null");
    Checks.nonNegative(costUsd, "cost_usd");
  }
}
