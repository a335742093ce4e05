package dev.agentdispatch.runtime.policy;

import dev.agentdispatch.runtime.internal.Checks;
import java.util.List;
import java.util.Objects;

/** A named condition with its actions; a lower priority number runs first (default 50). */
public record PolicyRule(
    String name, PolicyCondition condition, List<PolicyActionData> actions, int priority) {
  public static final int DEFAULT_PRIORITY = 50;

  public PolicyRule {
    name = Checks.nonBlank(name, "name");
    Objects.requireNonNull(condition, "condition is null");
    actions = List.copyOf(actions);
    if (actions.isEmpty()) {
      throw new IllegalArgumentException("actions must be non-empty");
    }
  }

  public PolicyRule(String name, PolicyCondition condition, List<PolicyActionData> actions) {
    this(name, condition, actions, DEFAULT_PRIORITY);
  }
}
