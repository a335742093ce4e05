package dev.agentdispatch.runtime.guardrails;

import java.util.Objects;
import java.util.Optional;

/** A guardrail's verdict. */
public record GuardrailOutcome(boolean allowed, Optional<String> reason) {
  public static final GuardrailOutcome ALLOW = new GuardrailOutcome(true, Optional.empty());

  public GuardrailOutcome {
    Objects.requireNonNull(reason, "reason is null");
  }

  public static GuardrailOutcome block(String reason) {
    return new GuardrailOutcome(false, Optional.of(reason));
  }
}
