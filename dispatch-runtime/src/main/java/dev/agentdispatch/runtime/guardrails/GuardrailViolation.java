package dev.agentdispatch.runtime.guardrails;

import java.util.Objects;

/** One guardrail that blocked, at one stage. */
public record GuardrailViolation(GuardrailOutcome outcome, String guardrail, GuardrailStage stage) {
  public GuardrailViolation {
    Objects.requireNonNull(outcome, "outcome is null");
    Objects.requireNonNull(guardrail, "guardrail is null");
    Objects.requireNonNull(stage, "stage is null");
  }
}
