package dev.agentdispatch.runtime.retry;

import static dev.agentdispatch.runtime.retry.EscalationPolicy.ABORT;
import static dev.agentdispatch.runtime.retry.EscalationPolicy.ALERT_HUMAN;
import static dev.agentdispatch.runtime.retry.EscalationPolicy.LOG_AND_CONTINUE;
import static dev.agentdispatch.runtime.retry.RecoveryStep.CLEAR_MEMORY_CACHE;
import static dev.agentdispatch.runtime.retry.RecoveryStep.REDUCE_TOOL_SET;
import static dev.agentdispatch.runtime.retry.RecoveryStep.RESTART_AGENT;
import static dev.agentdispatch.runtime.retry.RecoveryStep.RETRY_WITH_BACKOFF;
import static dev.agentdispatch.runtime.retry.RecoveryStep.RETRY_WITH_SMALLER_CONTEXT;
import static dev.agentdispatch.runtime.retry.RecoveryStep.SWITCH_PROVIDER;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable scenario → recipe table. The Python library keeps a mutable module-level dict that
 * tests patch; here the table is a value: start from {@link #defaults()} and derive variants with
 * {@link #with(RecoveryRecipe)}, then hand the result to a session.
 */
public final class RecoveryRecipes {
  private static final RecoveryRecipes DEFAULTS =
      new RecoveryRecipes(
          List.of(
              new RecoveryRecipe(
                  FailureScenario.LLM_TIMEOUT, List.of(RETRY_WITH_BACKOFF), 2, ALERT_HUMAN),
              new RecoveryRecipe(
                  FailureScenario.LLM_ERROR,
                  List.of(RETRY_WITH_BACKOFF, SWITCH_PROVIDER),
                  2,
                  ALERT_HUMAN),
              new RecoveryRecipe(
                  FailureScenario.TOOL_EXECUTION_ERROR,
                  List.of(RESTART_AGENT),
                  1,
                  LOG_AND_CONTINUE),
              new RecoveryRecipe(
                  FailureScenario.CONTEXT_OVERFLOW,
                  List.of(RETRY_WITH_SMALLER_CONTEXT, REDUCE_TOOL_SET),
                  1,
                  ALERT_HUMAN),
              new RecoveryRecipe(
                  FailureScenario.DEPENDENCY_TIMEOUT, List.of(RETRY_WITH_BACKOFF), 1, ALERT_HUMAN),
              new RecoveryRecipe(
                  FailureScenario.MEMORY_CORRUPTION,
                  List.of(CLEAR_MEMORY_CACHE, RESTART_AGENT),
                  1,
                  ABORT),
              new RecoveryRecipe(
                  FailureScenario.PROVIDER_FAILURE,
                  List.of(SWITCH_PROVIDER, RETRY_WITH_BACKOFF),
                  2,
                  ABORT)));

  private final Map<FailureScenario, RecoveryRecipe> recipes;

  private RecoveryRecipes(List<RecoveryRecipe> list) {
    EnumMap<FailureScenario, RecoveryRecipe> map = new EnumMap<>(FailureScenario.class);
    list.forEach(r -> map.put(r.scenario(), r));
    if (map.size() != FailureScenario.values().length) {
      throw new IllegalArgumentException(
          "every FailureScenario needs a recipe, got " + map.keySet());
    }
    this.recipes = Map.copyOf(map);
  }

  /** The built-in recipes (see the table in docs/runtime.md). */
  public static RecoveryRecipes defaults() {
    return DEFAULTS;
  }

  /** A copy of this table with {@code recipe} replacing the one for its scenario. */
  public RecoveryRecipes with(RecoveryRecipe recipe) {
    Objects.requireNonNull(recipe, "recipe is null");
    EnumMap<FailureScenario, RecoveryRecipe> map = new EnumMap<>(recipes);
    map.put(recipe.scenario(), recipe);
    return new RecoveryRecipes(List.copyOf(map.values()));
  }

  /** The recipe for a scenario. */
  public RecoveryRecipe recipeFor(FailureScenario scenario) {
    return recipes.get(Objects.requireNonNull(scenario, "scenario is null"));
  }

  /** The recipe for a scenario's wire value; an unknown value fails. */
  public RecoveryRecipe recipeFor(String scenario) {
    return recipeFor(FailureScenario.fromValue(scenario));
  }
}
