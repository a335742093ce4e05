package dev.agentdispatch.runtime.guardrails;

import dev.agentdispatch.runtime.internal.Checks;

/** Allows everything; useful as a placeholder. */
public record AllowAllGuardrail(String name) implements Guardrail {
  public AllowAllGuardrail {
    name = Checks.nonBlank(name, "name");
  }

  public AllowAllGuardrail() {
    this("allow_all");
  }
}
