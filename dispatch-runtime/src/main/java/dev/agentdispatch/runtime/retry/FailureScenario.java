package dev.agentdispatch.runtime.retry;

import java.util.Objects;

/** What went wrong in an agent step; each scenario has a recovery recipe. */
public enum FailureScenario {
  LLM_TIMEOUT("llm_timeout"),
  LLM_ERROR("llm_error"),
  TOOL_EXECUTION_ERROR("tool_execution_error"),
  CONTEXT_OVERFLOW("context_overflow"),
  DEPENDENCY_TIMEOUT("dependency_timeout"),
  MEMORY_CORRUPTION("memory_corruption"),
  PROVIDER_FAILURE("provider_failure");

  private final String value;

  FailureScenario(String value) {
    this.value = value;
  }

  /** The wire value, e.g. {@code "llm_timeout"}. */
  public String value() {
    return value;
  }

  /** Parses a wire value; fails with "scenario must be a valid FailureScenario". */
  public static FailureScenario fromValue(String value) {
    Objects.requireNonNull(value, "scenario is null");
    for (FailureScenario s : values()) {
      if (s.value.equals(value)) {
        return s;
      }
    }
    throw new IllegalArgumentException("scenario must be a valid FailureScenario");
  }

  @Override
  public String toString() {
    return value;
  }
}
