package dev.agentdispatch.runtime.guardrails;

/**
 * A check around a tool call. Both checks allow by default, so a guardrail implements only the
 * stage it cares about. Guardrails are synchronous; the async session runs them on its executor, so
 * no separate async flavour is needed.
 */
public interface Guardrail {
  String name();

  default GuardrailOutcome checkPre(String role, String tool) {
    return GuardrailOutcome.ALLOW;
  }

  default GuardrailOutcome checkPost(Object value, String role, String tool) {
    return GuardrailOutcome.ALLOW;
  }
}
