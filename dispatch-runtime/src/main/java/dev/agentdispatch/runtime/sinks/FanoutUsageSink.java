package dev.agentdispatch.runtime.sinks;

import dev.agentdispatch.runtime.usage.UsageSnapshot;
import java.util.List;

/** The usage twin of {@link FanoutEventSink}. */
public final class FanoutUsageSink implements UsageSink {
  private final List<UsageSink> sinks;
  private final boolean suppressErrors;

  public FanoutUsageSink(List<UsageSink> sinks, boolean suppressErrors) {
    this.sinks = Fanout.nonEmpty(sinks);
    this.suppressErrors = suppressErrors;
  }

  public FanoutUsageSink(List<UsageSink> sinks) {
    this(sinks, false);
  }

  @Override
  public void record(String model, UsageSnapshot usage, double costUsd) {
    Fanout.deliver(sinks, suppressErrors, s -> s.record(model, usage, costUsd));
  }
}
