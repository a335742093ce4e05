package dev.agentdispatch.runtime.policy;

import java.util.Locale;

/** What a matching rule asks the caller to do. The engine only returns actions. */
public enum PolicyAction {
  ADVANCE_PHASE,
  RETRY_AGENT,
  RETRY_PHASE,
  RECOVER_ONCE,
  ESCALATE,
  STORE_GATE_FEEDBACK,
  GENERATE_HANDOFF,
  NOTIFY,
  ABORT_PHASE;

  /** The wire value, e.g. {@code "advance_phase"}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
