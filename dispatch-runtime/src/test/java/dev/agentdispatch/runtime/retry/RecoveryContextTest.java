package dev.agentdispatch.runtime.retry;

import static dev.agentdispatch.runtime.retry.FailureScenario.*;
import static dev.agentdispatch.runtime.retry.RecoveryStep.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.runtime.clock.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecoveryContextTest {
  private final ManualClock clock = new ManualClock();

  @Test
  void recoversThenEscalatesAfterMaxAttemptsWithoutIncrementing() {
    RecoveryContext ctx =
        new RecoveryContext(RecoveryRecipes.defaults(), StepRunner.BOOKKEEPING, clock);
    assertThat(ctx.attemptCount(LLM_ERROR)).isZero();

    RecoveryResult first = ctx.attempt(LLM_ERROR);
    assertThat(first.outcome()).isEqualTo(RecoveryOutcome.RECOVERED);
    assertThat(first.stepsTaken()).isEqualTo(2);
    assertThat(first.recoveredSteps()).containsExactly(RETRY_WITH_BACKOFF, SWITCH_PROVIDER);
    assertThat(ctx.attempt(LLM_ERROR).outcome()).isEqualTo(RecoveryOutcome.RECOVERED);

    RecoveryResult third = ctx.attempt(LLM_ERROR);
    assertThat(third.outcome()).isEqualTo(RecoveryOutcome.ESCALATION_REQUIRED);
    assertThat(third.reason()).isEqualTo("max attempts (2) exhausted for llm_error");
    assertThat(ctx.attemptCount(LLM_ERROR)).isEqualTo(2);
    assertThat(ctx.events())
        .extracting(RecoveryEvent::type)
        .containsExactly(
            RecoveryEvent.Type.SUCCEEDED,
            RecoveryEvent.Type.SUCCEEDED,
            RecoveryEvent.Type.ESCALATED);
    assertThat(ctx.events().get(2).result()).containsEntry("outcome", "escalation_required");
    assertThat(ctx.events().get(0).timestamp()).isEqualTo(clock.wallNow());
  }

  @Test
  void partialRecoveryReportsRemainingSteps() {
    RecoveryContext ctx =
        new RecoveryContext(RecoveryRecipes.defaults(), StepRunner.failAtStep(1), clock);
    RecoveryResult r = ctx.attempt(PROVIDER_FAILURE);
    assertThat(r.outcome()).isEqualTo(RecoveryOutcome.PARTIAL_RECOVERY);
    assertThat(r.stepsTaken()).isEqualTo(1);
    assertThat(r.recoveredSteps()).containsExactly(SWITCH_PROVIDER);
    assertThat(r.remainingSteps()).containsExactly(RETRY_WITH_BACKOFF);
    assertThat(ctx.events())
        .extracting(RecoveryEvent::type)
        .containsExactly(RecoveryEvent.Type.FAILED);
    assertThat(r.toMap())
        .containsOnlyKeys("outcome", "steps_taken", "recovered_steps", "remaining_steps", "reason");
  }

  @Test
  void stepRetriesGiveAStepSeveralTriesAndZeroFailsImmediately() {
    List<Integer> tries = new ArrayList<>();
    StepRunner succeedsOnThird =
        (s, step, idx, attempt) -> {
          tries.add(attempt);
          return attempt == 3;
        };
    RecoveryRecipes recipes =
        RecoveryRecipes.defaults()
            .with(
                new RecoveryRecipe(
                    LLM_TIMEOUT,
                    List.of(RETRY_WITH_BACKOFF),
                    1,
                    EscalationPolicy.ABORT,
                    Map.of(RETRY_WITH_BACKOFF, 3)))
            .with(
                new RecoveryRecipe(
                    DEPENDENCY_TIMEOUT,
                    List.of(RETRY_WITH_BACKOFF),
                    1,
                    EscalationPolicy.ABORT,
                    Map.of(RETRY_WITH_BACKOFF, 0)));
    RecoveryContext ctx = new RecoveryContext(recipes, succeedsOnThird, clock);
    assertThat(ctx.attempt(LLM_TIMEOUT).outcome()).isEqualTo(RecoveryOutcome.RECOVERED);
    assertThat(tries).containsExactly(1, 2, 3);
    tries.clear();
    RecoveryResult zero = ctx.attempt(DEPENDENCY_TIMEOUT);
    assertThat(zero.outcome()).isEqualTo(RecoveryOutcome.PARTIAL_RECOVERY);
    assertThat(zero.stepsTaken()).isZero();
    assertThat(tries).isEmpty();
  }
}
