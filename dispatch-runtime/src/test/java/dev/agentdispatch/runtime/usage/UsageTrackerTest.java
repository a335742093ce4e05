package dev.agentdispatch.runtime.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsageTrackerTest {
  private final PricingRegistry pricing = TestPricing.example();

  @Test
  void totalsSummaryAndFormatting() {
    UsageTracker t = new UsageTracker(pricing);
    t.recordTurn("model-a", UsageSnapshot.of(1000, 500)); // 0.0075
    t.recordTurn("", new UsageSnapshot(10, 0, 0, 0, 2, Optional.empty()));
    assertThat(t.totalInputTokens()).isEqualTo(1010);
    assertThat(t.totalToolCalls()).isEqualTo(2);
    assertThat(t.formatCost()).isEqualTo("$0.0075");
    assertThat(t.summary())
        .containsEntry("turns", 2)
        .containsEntry("total_cost_usd", 0.0075)
        .containsEntry("formatted_cost", "$0.0075");
    assertThat(t.perModelSummary()).containsOnlyKeys("model-a", "");
    t.recordTurn("MODEL-A", UsageSnapshot.of(1_000_000, 0));
    assertThat(t.formatCost()).isEqualTo("$2.51");
    assertThat(CostFormat.format(0.01)).isEqualTo("$0.01");
    assertThat(CostFormat.format(0.00999)).isEqualTo("$0.0100");
  }

  @Test
  void theUnpricedWarningIsGivenOncePerModel() {
    java.util.logging.Logger jul = java.util.logging.Logger.getLogger(UsageTracker.class.getName());
    java.util.List<String> warned = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler capture =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord r) {
            warned.add(String.valueOf(r.getParameters()[0]));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    jul.addHandler(capture);
    try {
      // Names no other test uses: the warning is once per model and process.
      String first = "unpriced-first-" + java.util.UUID.randomUUID();
      String second = "unpriced-second-" + java.util.UUID.randomUUID();
      UsageTracker t = new UsageTracker(pricing);
      t.recordTurn(first, UsageSnapshot.of(10, 1));
      t.recordTurn(first, UsageSnapshot.of(10, 1));
      new UsageTracker(pricing).recordTurn(first, UsageSnapshot.of(10, 1));
      t.recordTurn(second, UsageSnapshot.of(10, 1));
      t.recordTurn("model-a", UsageSnapshot.of(10, 1)); // priced: no warning
      assertThat(warned).containsExactly(first, second);
    } finally {
      jul.removeHandler(capture);
    }
  }

  @Test
  void budgetIsStrict() {
    UsageTracker t = new UsageTracker(pricing);
    t.recordTurn("model-a", UsageSnapshot.of(1_000_000, 0)); // exactly $2.50
    assertThat(t.isOverBudget(2.5)).isFalse();
    assertThat(t.isOverBudget(2.4999)).isTrue();
    assertThat(t.budgetRemaining(3.0)).isEqualTo(0.5);
  }

  @Test
  void limitsCompareStrictlyInOrderAndCostInMicroDollars() {
    UsageTracker t = new UsageTracker(pricing);
    t.recordTurn(
        "model-a", new UsageSnapshot(400_000, 100_000, 0, 0, 3, Optional.empty())); // $1.00 + $1.00
    UsageLimits exact =
        UsageLimits.NONE
            .withRequestTokensMax(400_000)
            .withResponseTokensMax(100_000)
            .withTotalTokensMax(500_000)
            .withToolCallsMax(3)
            .withCostUsdMax(2.0);
    exact.check(t); // everything exactly at its limit passes
    assertThatThrownBy(() -> exact.withCostUsdMax(1.999999).check(t))
        .isInstanceOf(UsageLimitExceededException.class)
        .hasMessage("usage limit exceeded on 'cost_usd': observed 2000000 > ceiling 1999999");
    assertThatThrownBy(() -> exact.withToolCallsMax(2).withCostUsdMax(0).check(t))
        .hasMessage("usage limit exceeded on 'tool_calls': observed 3 > ceiling 2");
    assertThatThrownBy(() -> exact.withRequestTokensMax(399_999).withTotalTokensMax(1).check(t))
        .hasMessageContaining("'request_tokens'");
    assertThatThrownBy(() -> exact.withTotalTokensMax(499_999).check(t))
        .hasMessageContaining("'total_tokens'");
    assertThat(exact.withResponseTokensMax(99_999).firstBreach(t))
        .get()
        .extracting(UsageLimitExceededException::limitName)
        .isEqualTo("response_tokens");
  }

  @Test
  void budgetExceededMessage() {
    assertThat(new BudgetExceededException(1.0, 1.23456).getMessage())
        .isEqualTo("budget exceeded: $1.2346 > $1.0000");
  }
}
