package dev.agentdispatch.runtime.guardrails;

import java.util.Locale;

/** Before the tool runs (on its name) or after (on its result). */
public enum GuardrailStage {
  PRE,
  POST;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
