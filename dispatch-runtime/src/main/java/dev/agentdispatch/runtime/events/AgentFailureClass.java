package dev.agentdispatch.runtime.events;

import dev.agentdispatch.runtime.retry.FailureScenario;
import java.util.Locale;
import java.util.Objects;

/** Why an agent (or one of its steps) failed, as carried by {@code agent.failed} events. */
public enum AgentFailureClass {
  LLM_TIMEOUT,
  LLM_ERROR,
  TOOL_ERROR,
  CONTEXT_OVERFLOW,
  RATE_LIMIT,
  DEPENDENCY_FAILED,
  GOVERNANCE_BREACH,
  PERMISSION_DENIED,
  GUARDRAIL_VIOLATION,
  MEMORY_CORRUPTION,
  VALIDATION_ERROR,
  PROMPT_REJECTION,
  CANCELLED,
  UNKNOWN;

  /** The wire value, e.g. {@code "tool_error"}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire value. */
  public static AgentFailureClass fromValue(String value) {
    Objects.requireNonNull(value, "failure_class is null");
    for (AgentFailureClass c : values()) {
      if (c.value().equals(value)) {
        return c;
      }
    }
    throw new IllegalArgumentException("failure_class must be a valid AgentFailureClass: " + value);
  }

  /**
   * The specification's scenario → class mapping (both provider and dependency failures map to
   * DEPENDENCY_FAILED).
   */
  public static AgentFailureClass fromScenario(FailureScenario scenario) {
    if (scenario == null) {
      return UNKNOWN;
    }
    switch (scenario) {
      case LLM_TIMEOUT:
        return LLM_TIMEOUT;
      case LLM_ERROR:
        return LLM_ERROR;
      case TOOL_EXECUTION_ERROR:
        return TOOL_ERROR;
      case CONTEXT_OVERFLOW:
        return CONTEXT_OVERFLOW;
      case DEPENDENCY_TIMEOUT:
      case PROVIDER_FAILURE:
        return DEPENDENCY_FAILED;
      case MEMORY_CORRUPTION:
        return MEMORY_CORRUPTION;
      default:
        return UNKNOWN;
    }
  }

  @Override
  public String toString() {
    return value();
  }
}
