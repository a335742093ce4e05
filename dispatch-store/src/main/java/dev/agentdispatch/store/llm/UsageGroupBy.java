package dev.agentdispatch.store.llm;

import dev.agentdispatch.core.wire.WireEnum;

/** What usage is grouped by. {@link #DAY} is the UTC day a call started. */
public enum UsageGroupBy implements WireEnum {
  AGENT,
  MODEL,
  PROVIDER,
  DAY
}
