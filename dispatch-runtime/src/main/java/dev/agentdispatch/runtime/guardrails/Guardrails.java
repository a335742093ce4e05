package dev.agentdispatch.runtime.guardrails;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs guardrails with collect-all semantics: every one runs, all violations are raised together.
 */
public final class Guardrails {
  private Guardrails() {}

  public static void runPreChecks(List<? extends Guardrail> guardrails, String role, String tool) {
    List<GuardrailViolation> found = new ArrayList<>();
    for (Guardrail g : guardrails) {
      GuardrailOutcome o = g.checkPre(role, tool);
      if (!o.allowed()) {
        found.add(new GuardrailViolation(o, g.name(), GuardrailStage.PRE));
      }
    }
    raise(found, role, tool);
  }

  public static void runPostChecks(
      List<? extends Guardrail> guardrails, Object value, String role, String tool) {
    List<GuardrailViolation> found = new ArrayList<>();
    for (Guardrail g : guardrails) {
      GuardrailOutcome o = g.checkPost(value, role, tool);
      if (!o.allowed()) {
        found.add(new GuardrailViolation(o, g.name(), GuardrailStage.POST));
      }
    }
    raise(found, role, tool);
  }

  private static void raise(List<GuardrailViolation> found, String role, String tool) {
    if (!found.isEmpty()) {
      throw new GuardrailViolatedException(found, role, tool);
    }
  }
}
