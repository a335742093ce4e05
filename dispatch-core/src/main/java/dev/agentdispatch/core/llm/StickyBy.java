package dev.agentdispatch.core.llm;

import dev.agentdispatch.core.wire.WireEnum;

/** What keeps an experiment's calls in one variant: the same session, or the same trace. */
public enum StickyBy implements WireEnum {
  /** Every call of one session falls into the same variant (a conversation stays consistent). */
  SESSION,
  /** Every call of one trace falls into the same variant. */
  TRACE
}
