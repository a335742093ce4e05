package dev.agentdispatch.server.app.tasks;

import dev.agentdispatch.core.agent.Names;
import dev.agentdispatch.server.app.ServiceException;
import java.util.List;
import java.util.Objects;

/**
 * A namespace's ordered type rules and its fallback type. Earlier rules win ties, so the order says
 * which type is preferred when two score the same.
 */
public record TypeRules(List<TypeRule> rules, String fallbackType) {
  public static final int MAX_RULES = 200;

  /** The types of the seed's dispatcher (reference part B3), as task types. */
  public static final List<String> SEED_TYPES =
      List.of(
          "architecture",
          "refactoring",
          "complex_reasoning",
          "code_review",
          "parallel_implementation",
          "routine_coding",
          "fast_iteration",
          "research",
          "analysis",
          "specialized",
          "triage",
          "planning",
          "creative",
          "orchestration");

  /**
   * The built-in rules: specific words weigh 3, generic ones 1; {@code triage} is the fallback, so
   * work nothing recognises is looked at before anyone builds it.
   */
  public static final TypeRules DEFAULT =
      new TypeRules(
          List.of(
              new TypeRule(
                  "architecture",
                  List.of("architecture", "architect", "system design", "module boundaries"),
                  3),
              new TypeRule("architecture", List.of("design", "interfaces", "layering"), 1),
              new TypeRule(
                  "refactoring",
                  List.of("refactor", "refactoring", "restructure", "clean up", "cleanup"),
                  3),
              new TypeRule("refactoring", List.of("simplify", "extract", "rename", "dedupe"), 1),
              new TypeRule(
                  "code_review",
                  List.of("code review", "review", "pull request", "audit the diff"),
                  3),
              new TypeRule(
                  "complex_reasoning",
                  List.of("race condition", "deadlock", "algorithm", "prove", "reasoning"),
                  3),
              new TypeRule("complex_reasoning", List.of("complex", "concurrency", "subtle"), 1),
              new TypeRule(
                  "parallel_implementation",
                  List.of("in parallel", "parallel", "bulk", "across all modules", "many files"),
                  3),
              new TypeRule(
                  "fast_iteration", List.of("prototype", "spike", "quick", "iterate", "tweak"), 3),
              new TypeRule("research", List.of("research", "investigate", "survey", "explore"), 3),
              new TypeRule("research", List.of("compare", "evaluate", "options"), 1),
              new TypeRule(
                  "analysis", List.of("analyze", "analyse", "analysis", "benchmark", "metrics"), 3),
              new TypeRule("analysis", List.of("data", "report", "trend"), 1),
              new TypeRule(
                  "specialized",
                  List.of("security", "compliance", "legal", "translation", "accessibility"),
                  3),
              new TypeRule(
                  "triage", List.of("triage", "classify", "prioritize", "duplicate", "label"), 3),
              new TypeRule(
                  "planning",
                  List.of("plan", "planning", "roadmap", "milestone", "estimate", "breakdown"),
                  3),
              new TypeRule(
                  "creative",
                  List.of("blog", "story", "poem", "slogan", "tagline", "creative", "announcement"),
                  3),
              new TypeRule(
                  "orchestration",
                  List.of("orchestrate", "coordinate", "delegate", "multi-agent", "workflow"),
                  3),
              new TypeRule(
                  "routine_coding",
                  List.of("implement", "fix", "bug", "endpoint", "add a", "unit test", "feature"),
                  2),
              new TypeRule("routine_coding", List.of("code", "test", "function", "typo"), 1)),
          "triage");

  public TypeRules {
    Objects.requireNonNull(rules, "rules is null");
    rules = List.copyOf(rules);
    if (rules.size() > MAX_RULES) {
      throw new ServiceException.Invalid("at most " + MAX_RULES + " rules, got " + rules.size());
    }
    if (fallbackType == null || !Names.valid(fallbackType)) {
      throw new ServiceException.Invalid("fallback_type is not a valid name: " + fallbackType);
    }
  }
}
