package dev.agentdispatch.runtime.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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

  /**
   * {@link #evaluate} for conditions that may be asynchronous ({@link PolicyCondition#async}): the
   * rules are evaluated one after another, in priority order, each condition awaited before the
   * next, and the stage completes with the same flat list of actions. A failing condition fails it.
   */
  public CompletableFuture<List<PolicyActionData>> evaluateAsync(PhaseContext ctx) {
    CompletableFuture<List<PolicyActionData>> acc = CompletableFuture.completedFuture(List.of());
    for (PolicyRule rule : rules) {
      acc =
          acc.thenCompose(sofar ->
              rule.condition()
                  .matchesAsync(ctx)
                  .thenApply(matched -> {
                    if (!matched) {
                      return sofar;
                    }
                    List<PolicyActionData> next = new ArrayList<>(sofar);
                    next.addAll(rule.actions());
                    return List.copyOf(next);
                  }));
    }
    return acc;
  }
}
