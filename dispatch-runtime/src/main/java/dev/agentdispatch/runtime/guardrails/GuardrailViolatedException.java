package dev.agentdispatch.runtime.guardrails;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every guardrail that blocked a tool at one stage (collect-all). The first violation is mirrored
 * by {@link #outcome()}, {@link #guardrail()} and {@link #stage()}.
 */
public final class GuardrailViolatedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<GuardrailViolation> violations;
  private final String role;
  private final String tool;

  public GuardrailViolatedException(List<GuardrailViolation> violations, String role, String tool) {
    super(message(List.copyOf(violations), role, tool));
    this.violations = List.copyOf(violations);
    this.role = role;
    this.tool = tool;
  }

  private static String message(List<GuardrailViolation> vs, String role, String tool) {
    if (vs.isEmpty()) {
      throw new IllegalArgumentException("violations must be non-empty");
    }
    GuardrailViolation first = vs.get(0);
    if (vs.size() == 1) {
      return first.stage().value()
          + " guardrail '"
          + first.guardrail()
          + "' blocked tool '"
          + tool
          + "' for role '"
          + role
          + "': "
          + first.outcome().reason().orElse("no reason provided");
    }
    return first.stage().value()
        + " stage: "
        + vs.size()
        + " guardrails blocked tool '"
        + tool
        + "' for role '"
        + role
        + "': "
        + vs.stream().map(GuardrailViolation::guardrail).collect(Collectors.joining(", "));
  }

  public List<GuardrailViolation> violations() {
    return violations;
  }

  public GuardrailOutcome outcome() {
    return violations.get(0).outcome();
  }

  public String guardrail() {
    return violations.get(0).guardrail();
  }

  public GuardrailStage stage() {
    return violations.get(0).stage();
  }

  public String role() {
    return role;
  }

  public String tool() {
    return tool;
  }

  /** The names of every guardrail that blocked. */
  public List<String> guardrailNames() {
    return violations.stream().map(GuardrailViolation::guardrail).toList();
  }
}
