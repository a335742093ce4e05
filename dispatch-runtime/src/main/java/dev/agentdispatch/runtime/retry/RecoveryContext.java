package dev.agentdispatch.runtime.retry;

import dev.agentdispatch.runtime.clock.RuntimeClock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Per-session (or per-task) recovery state: how often each scenario has been attempted and the
 * history of recovery events. {@link #attempt} runs the recipe algorithm of the specification:
 *
 * <ol>
 *   <li>If the scenario's attempts already reached {@code maxAttempts}: return {@code
 *       escalation_required} with reason "max attempts (N) exhausted for {scenario}" and record an
 *       {@code escalated} event; the counter is not incremented.
 *   <li>Otherwise increment the counter and run each step, trying it up to its budget; the first
 *       step whose attempts all fail ends the run with {@code partial_recovery} (event {@code
 *       failed}).
 *   <li>If every step succeeds: {@code recovered} (event {@code succeeded}).
 * </ol>
 *
 * Thread-safe; one attempt runs at a time per context.
 */
public final class RecoveryContext {
  private final RecoveryRecipes recipes;
  private final StepRunner stepRunner;
  private final RuntimeClock clock;
  private final Map<FailureScenario, Integer> attempts = new EnumMap<>(FailureScenario.class);
  private final List<RecoveryEvent> events = new ArrayList<>();

  /** A pure bookkeeping context over the default recipes and the system clock. */
  public RecoveryContext() {
    this(RecoveryRecipes.defaults(), StepRunner.BOOKKEEPING, RuntimeClock.system());
  }

  /** A context with explicit recipes, step runner and clock. */
  public RecoveryContext(RecoveryRecipes recipes, StepRunner stepRunner, RuntimeClock clock) {
    this.recipes = Objects.requireNonNull(recipes, "recipes is null");
    this.stepRunner = Objects.requireNonNull(stepRunner, "stepRunner is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
  }

  /** The recipes this context follows. */
  public RecoveryRecipes recipes() {
    return recipes;
  }

  /** How many recovery attempts were made for a scenario (0 when never seen). */
  public synchronized int attemptCount(FailureScenario scenario) {
    return attempts.getOrDefault(scenario, 0);
  }

  /** A snapshot of the recovery events, oldest first. */
  public synchronized List<RecoveryEvent> events() {
    return List.copyOf(events);
  }

  /** Runs one recovery attempt for {@code scenario}; see the class comment for the algorithm. */
  public synchronized RecoveryResult attempt(FailureScenario scenario) {
    RecoveryRecipe recipe = recipes.recipeFor(scenario);
    int count = attemptCount(scenario);
    if (count >= recipe.maxAttempts()) {
      RecoveryResult result =
          new RecoveryResult(
              RecoveryOutcome.ESCALATION_REQUIRED,
              0,
              List.of(),
              List.of(),
              "max attempts (" + recipe.maxAttempts() + ") exhausted for " + scenario.value());
      record(RecoveryEvent.Type.ESCALATED, recipe, result);
      return result;
    }
    attempts.put(scenario, count + 1);
    List<RecoveryStep> recovered = new ArrayList<>();
    List<RecoveryStep> steps = recipe.steps();
    for (int i = 0; i < steps.size(); i++) {
      RecoveryStep step = steps.get(i);
      if (!runStep(scenario, step, i, recipe.budgetFor(step))) {
        RecoveryResult result =
            new RecoveryResult(
                RecoveryOutcome.PARTIAL_RECOVERY,
                recovered.size(),
                recovered,
                steps.subList(i, steps.size()),
                "step " + step.value() + " failed");
        record(RecoveryEvent.Type.FAILED, recipe, result);
        return result;
      }
      recovered.add(step);
    }
    RecoveryResult result =
        new RecoveryResult(RecoveryOutcome.RECOVERED, recovered.size(), recovered, List.of(), "");
    record(RecoveryEvent.Type.SUCCEEDED, recipe, result);
    return result;
  }

  private boolean runStep(FailureScenario scenario, RecoveryStep step, int index, int budget) {
    // A budget of 0 is an immediate failure: the loop body never runs.
    for (int attempt = 1; attempt <= budget; attempt++) {
      if (stepRunner.run(scenario, step, index, attempt)) {
        return true;
      }
    }
    return false;
  }

  private void record(RecoveryEvent.Type type, RecoveryRecipe recipe, RecoveryResult result) {
    events.add(
        new RecoveryEvent(
            type,
            recipe.scenario().value(),
            recipe.steps().stream().map(RecoveryStep::value).toList(),
            result.toMap(),
            clock.wallNow()));
  }
}
