package dev.agentdispatch.runtime.retry;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to recover from one failure scenario: the ordered steps, how many times the whole recipe may
 * be attempted, and per-step retry budgets (a missing step means a budget of 1, 0 means the step
 * fails immediately).
 */
public record RecoveryRecipe(
    FailureScenario scenario,
    List<RecoveryStep> steps,
    int maxAttempts,
    EscalationPolicy escalationPolicy,
    Map<RecoveryStep, Integer> stepRetries) {

  public RecoveryRecipe {
    Objects.requireNonNull(scenario, "scenario is null");
    Objects.requireNonNull(escalationPolicy, "escalationPolicy is null");
    steps = List.copyOf(Objects.requireNonNull(steps, "steps is null"));
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("steps must be non-empty");
    }
    if (maxAttempts <= 0) {
      throw new IllegalArgumentException("max_attempts must be > 0, got " + maxAttempts);
    }
    Objects.requireNonNull(stepRetries, "stepRetries is null");
    EnumMap<RecoveryStep, Integer> copy = new EnumMap<>(RecoveryStep.class);
    for (var e : stepRetries.entrySet()) {
      if (!steps.contains(e.getKey())) {
        throw new IllegalArgumentException("step_retries contains a step not present in steps");
      }
      if (e.getValue() == null || e.getValue() < 0) {
        throw new IllegalArgumentException("step_retries budgets must be >= 0");
      }
      copy.put(e.getKey(), e.getValue());
    }
    stepRetries = Map.copyOf(copy);
  }

  /** A recipe without per-step budgets. */
  public RecoveryRecipe(
      FailureScenario scenario,
      List<RecoveryStep> steps,
      int maxAttempts,
      EscalationPolicy policy) {
    this(scenario, steps, maxAttempts, policy, Map.of());
  }

  /** The retry budget of {@code step}: its entry in {@link #stepRetries}, else 1. */
  public int budgetFor(RecoveryStep step) {
    return stepRetries.getOrDefault(step, 1);
  }
}
