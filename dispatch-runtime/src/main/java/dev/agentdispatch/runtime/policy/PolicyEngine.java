package dev.agentdispatch.runtime.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Evaluates rules against a context. Rules are sorted by priority once, stably (equal priorities
 * keep declaration order); {@link #evaluate} returns the concatenated actions of every matching
 * rule, in that order. Dispatching them is the caller's job.
 */
public final class PolicyEngine {
  private final List<PolicyRule> rules;

  public PolicyEngine(List<PolicyRule> rules) {
    List<PolicyRule> sorted = new ArrayList<>(rules);
    sorted.sort(Comparator.comparingInt(PolicyRule::priority)); // List.sort is stable
    this.rules = List.copyOf(sorted);
  }

  public List<PolicyRule> rules() {
    return rules;
  }

  public List<PolicyActionData> evaluate(PhaseContext ctx) {
    List<PolicyActionData> out = new ArrayList<>();
    for (PolicyRule rule : rules) {
      if (rule.condition().matches(ctx)) {
        out.addAll(rule.actions());
      }
    }
    return List.copyOf(out);
  }
}
