package dev.agentdispatch.runtime.sinks;

import dev.agentdispatch.runtime.usage.UsageSnapshot;

/** Receives the usage and cost of each priced turn. Called synchronously. */
@FunctionalInterface
public interface UsageSink {
  void record(String model, UsageSnapshot usage, double costUsd);
}
