package dev.agentdispatch.runtime.policy;

import static dev.agentdispatch.runtime.policy.PolicyAction.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.runtime.policy.PolicyCondition.*;
import dev.agentdispatch.runtime.quality.QualityLevel;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {

  @Test
  void actionsOfAllMatchingRulesInStablePriorityOrder() {
    PolicyEngine engine =
        new PolicyEngine(
            List.of(
                new PolicyRule(
                    "late", new PhaseCompleted(), List.of(PolicyActionData.of(NOTIFY)), 90),
                new PolicyRule(
                    "a",
                    new PhaseCompleted(),
                    List.of(
                        PolicyActionData.of(ADVANCE_PHASE),
                        PolicyActionData.of(STORE_GATE_FEEDBACK))),
                new PolicyRule(
                    "never", new GateBelow(0), List.of(PolicyActionData.of(ABORT_PHASE)), 1),
                new PolicyRule(
                    "b", new PhaseCompleted(), List.of(PolicyActionData.of(GENERATE_HANDOFF))),
                new PolicyRule(
                    "first", new PhaseCompleted(), List.of(PolicyActionData.of(ESCALATE)), 10)));
    PhaseContext ctx = PhaseContext.builder().phaseCompleted(true).build();
    assertThat(engine.evaluate(ctx))
        .extracting(PolicyActionData::action)
        .containsExactly(ESCALATE, ADVANCE_PHASE, STORE_GATE_FEEDBACK, GENERATE_HANDOFF, NOTIFY);
    assertThat(engine.rules())
        .extracting(PolicyRule::name)
        .containsExactly("never", "first", "a", "b", "late");
  }

  @Test
  void conditionsAndTheirStrictness() {
    PhaseContext ctx =
        PhaseContext.builder()
            .gateScore(0.5)
            .elapsedSeconds(10)
            .totalCostUsd(1.0)
            .qualityLevel(QualityLevel.STRICT)
            .failedRoles(Set.of("coder"))
            .completedRoles(Set.of("reviewer"))
            .allRoles(Set.of("coder", "reviewer"))
            .retryExhaustedScenarios(Set.of("llm_error"))
            .build();
    assertThat(new GateBelow(0.5).matches(ctx)).isFalse();
    assertThat(new GateBelow(0.51).matches(ctx)).isTrue();
    assertThat(new TimedOut(10).matches(ctx)).isFalse();
    assertThat(new TimedOut(9.99).matches(ctx)).isTrue();
    assertThat(new CostExceeded(1.0).matches(ctx)).isFalse();
    assertThat(new CostExceeded(0.99).matches(ctx)).isTrue();
    assertThat(new QualityAt(QualityLevel.STRICT).matches(ctx)).isTrue();
    assertThat(new QualityAt(QualityLevel.RELEASE).matches(ctx)).isFalse();
    assertThat(new QualityAt(QualityLevel.MINIMAL).matches(PhaseContext.builder().build()))
        .isFalse();
    assertThat(new AgentFailed(Optional.of("coder")).matches(ctx)).isTrue();
    assertThat(new AgentFailed(Optional.of("reviewer")).matches(ctx)).isFalse();
    assertThat(new AgentFailed(Optional.empty()).matches(ctx)).isTrue();
    assertThat(new RetryExhausted(Optional.of("llm_error")).matches(ctx)).isTrue();
    assertThat(new RetryExhausted(Optional.empty()).matches(PhaseContext.builder().build()))
        .isFalse();
    assertThat(new AllAgentsComplete().matches(ctx)).isTrue();
    assertThat(new AllAgentsComplete().matches(PhaseContext.builder().build())).isFalse();
    assertThat(new And(List.of()).matches(ctx)).isTrue();
    assertThat(new Or(List.of()).matches(ctx)).isFalse();
    assertThat(
            new Or(List.of(new GateBelow(0), new PhaseCompleted(), new TimedOut(1))).matches(ctx))
        .isTrue();
    assertThat(new GateBelow(1).toString()).contains("GateBelow");
  }

  @Test
  void validation() {
    assertThatThrownBy(() -> PhaseContext.builder().gateScore(-1).build())
        .hasMessageContaining("gate_score must be >= 0");
    assertThatThrownBy(() -> PhaseContext.builder().elapsedSeconds(Double.NaN).build())
        .hasMessage("elapsed_seconds must be finite");
    assertThatThrownBy(() -> new PolicyRule("r", new PhaseCompleted(), List.of()))
        .hasMessageContaining("non-empty");
    assertThat(PolicyActionData.of(NOTIFY).toMap()).containsOnlyKeys("action");
    assertThat(new PolicyActionData(NOTIFY, java.util.Map.of("to", "ops")).toMap())
        .containsKey("params");
  }

  @Test
  void evaluateAsyncAwaitsAsynchronousConditionsInPriorityOrder() {
    java.util.List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.CompletableFuture<Boolean> remote =
        new java.util.concurrent.CompletableFuture<>();
    PolicyCondition slow =
        PolicyCondition.async(ctx -> {
          order.add("slow");
          return remote;
        });
    PolicyCondition fast =
        PolicyCondition.async(ctx -> {
          order.add("fast");
          return java.util.concurrent.CompletableFuture.completedFuture(ctx.gateScore() < 0.5);
        });
    PolicyEngine engine =
        new PolicyEngine(
            List.of(
                new PolicyRule("second", fast, List.of(PolicyActionData.of(RETRY_AGENT)), 20),
                new PolicyRule("first", slow, List.of(PolicyActionData.of(ESCALATE)), 10),
                new PolicyRule(
                    "both",
                    new And(List.of(new PhaseCompleted(), fast)),
                    List.of(PolicyActionData.of(NOTIFY)),
                    30)));
    PhaseContext ctx = PhaseContext.builder().phaseCompleted(true).gateScore(0.2).build();
    var result = engine.evaluateAsync(ctx);
    assertThat(result).isNotDone();
    assertThat(order).containsExactly("slow"); // the next rule waits for the first
    remote.complete(true);
    assertThat(result.join())
        .extracting(PolicyActionData::action)
        .containsExactly(ESCALATE, RETRY_AGENT, NOTIFY);
    assertThat(order).containsExactly("slow", "fast", "fast");
    assertThatThrownBy(() -> engine.evaluate(ctx))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("evaluateAsync");
    // Synchronous conditions evaluate the same either way.
    PolicyEngine sync =
        new PolicyEngine(
            List.of(new PolicyRule("a", new GateBelow(0.5), List.of(PolicyActionData.of(NOTIFY)))));
    assertThat(sync.evaluateAsync(ctx).join()).isEqualTo(sync.evaluate(ctx));
  }
}
