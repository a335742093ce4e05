package dev.agentdispatch.runtime.retry;

import static dev.agentdispatch.runtime.retry.EscalationPolicy.*;
import static dev.agentdispatch.runtime.retry.FailureScenario.*;
import static dev.agentdispatch.runtime.retry.RecoveryStep.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecoveryRecipesTest {
  private final RecoveryRecipes recipes = RecoveryRecipes.defaults();

  @Test
  void builtInTableMatchesTheSpecification() {
    assertRecipe(LLM_TIMEOUT, List.of(RETRY_WITH_BACKOFF), 2, ALERT_HUMAN);
    assertRecipe(LLM_ERROR, List.of(RETRY_WITH_BACKOFF, SWITCH_PROVIDER), 2, ALERT_HUMAN);
    assertRecipe(TOOL_EXECUTION_ERROR, List.of(RESTART_AGENT), 1, LOG_AND_CONTINUE);
    assertRecipe(
        CONTEXT_OVERFLOW, List.of(RETRY_WITH_SMALLER_CONTEXT, REDUCE_TOOL_SET), 1, ALERT_HUMAN);
    assertRecipe(DEPENDENCY_TIMEOUT, List.of(RETRY_WITH_BACKOFF), 1, ALERT_HUMAN);
    assertRecipe(MEMORY_CORRUPTION, List.of(CLEAR_MEMORY_CACHE, RESTART_AGENT), 1, ABORT);
    assertRecipe(PROVIDER_FAILURE, List.of(SWITCH_PROVIDER, RETRY_WITH_BACKOFF), 2, ABORT);
  }

  private void assertRecipe(
      FailureScenario s, List<RecoveryStep> steps, int max, EscalationPolicy policy) {
    RecoveryRecipe r = recipes.recipeFor(s);
    assertThat(r.steps()).isEqualTo(steps);
    assertThat(r.maxAttempts()).isEqualTo(max);
    assertThat(r.escalationPolicy()).isEqualTo(policy);
  }

  @Test
  void noBuiltInRecipeEscalatesToHuman() {
    for (FailureScenario s : FailureScenario.values()) {
      assertThat(recipes.recipeFor(s).steps()).doesNotContain(ESCALATE_TO_HUMAN);
    }
  }

  @Test
  void enumWireValues() {
    assertThat(LLM_TIMEOUT.value()).isEqualTo("llm_timeout");
    assertThat(TOOL_EXECUTION_ERROR.value()).isEqualTo("tool_execution_error");
    assertThat(PROVIDER_FAILURE.value()).isEqualTo("provider_failure");
    assertThat(RETRY_WITH_SMALLER_CONTEXT.value()).isEqualTo("retry_with_smaller_context");
    assertThat(ESCALATE_TO_HUMAN.value()).isEqualTo("escalate_to_human");
    assertThat(LOG_AND_CONTINUE.value()).isEqualTo("log_and_continue");
  }

  @Test
  void recipeForAcceptsTheStringValue() {
    assertThat(recipes.recipeFor("llm_error").scenario()).isEqualTo(LLM_ERROR);
    assertThatThrownBy(() -> recipes.recipeFor("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("scenario must be a valid FailureScenario");
  }

  @Test
  void withReplacesOneRecipeAndLeavesTheDefaultsAlone() {
    RecoveryRecipe custom = new RecoveryRecipe(LLM_TIMEOUT, List.of(ESCALATE_TO_HUMAN), 5, ABORT);
    RecoveryRecipes changed = recipes.with(custom);
    assertThat(changed.recipeFor(LLM_TIMEOUT)).isEqualTo(custom);
    assertThat(RecoveryRecipes.defaults().recipeFor(LLM_TIMEOUT).maxAttempts()).isEqualTo(2);
  }

  @Test
  void recipeValidation() {
    assertThatThrownBy(() -> new RecoveryRecipe(LLM_ERROR, List.of(), 1, ABORT))
        .hasMessageContaining("steps must be non-empty");
    assertThatThrownBy(() -> new RecoveryRecipe(LLM_ERROR, List.of(RESTART_AGENT), 0, ABORT))
        .hasMessageContaining("max_attempts must be > 0");
    assertThatThrownBy(() ->
            new RecoveryRecipe(
                LLM_ERROR, List.of(RESTART_AGENT), 1, ABORT, Map.of(SWITCH_PROVIDER, 2)))
        .hasMessage("step_retries contains a step not present in steps");
    assertThatThrownBy(() ->
            new RecoveryRecipe(
                LLM_ERROR, List.of(RESTART_AGENT), 1, ABORT, Map.of(RESTART_AGENT, -1)))
        .hasMessageContaining(">= 0");
    RecoveryRecipe r =
        new RecoveryRecipe(
            LLM_ERROR, List.of(RESTART_AGENT, SWITCH_PROVIDER), 1, ABORT, Map.of(RESTART_AGENT, 3));
    assertThat(r.budgetFor(RESTART_AGENT)).isEqualTo(3);
    assertThat(r.budgetFor(SWITCH_PROVIDER)).isEqualTo(1);
  }
}
