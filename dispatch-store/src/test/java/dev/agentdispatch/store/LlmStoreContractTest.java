package dev.agentdispatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.core.id.Ids;
import dev.agentdispatch.core.llm.TokenUsage;
import dev.agentdispatch.store.facade.Store;
import dev.agentdispatch.store.llm.Admission;
import dev.agentdispatch.store.llm.BudgetRecord;
import dev.agentdispatch.store.llm.BudgetScopes;
import dev.agentdispatch.store.llm.BudgetUsage;
import dev.agentdispatch.store.llm.Charge;
import dev.agentdispatch.store.llm.Hold;
import dev.agentdispatch.store.llm.LlmCallQuery;
import dev.agentdispatch.store.llm.LlmCallRecord;
import dev.agentdispatch.store.llm.PriceRecord;
import dev.agentdispatch.store.llm.Settlement;
import dev.agentdispatch.store.llm.UsageGroupBy;
import dev.agentdispatch.store.llm.UsageRow;
import dev.agentdispatch.store.llm.Warned;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The LLM ledger contract every {@link Store} passes (DESIGN §10). */
public abstract class LlmStoreContractTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private static final YearMonth MONTH = YearMonth.of(2026, 11);
  private static final String NS = "default";
  private static final String AGENT = BudgetScopes.agent("writer");

  protected Store store;

  protected abstract Store openStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = openStore();
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  private static LlmCallRecord call(
      String agent, String model, String provider, long cost, String trace, Instant at) {
    return new LlmCallRecord(
        Ids.uuid7(),
        NS,
        Optional.ofNullable(agent),
        model,
        provider,
        Optional.empty(),
        Optional.of("/chat/completions"),
        new TokenUsage(100, 20, 5, 1),
        cost,
        250,
        Optional.of(40L),
        Optional.of("stop"),
        true,
        Optional.empty(),
        Optional.empty(),
        Optional.ofNullable(trace),
        Optional.empty(),
        at);
  }

  private static Settlement charge(String... scopes) {
    return new Settlement(
        Optional.empty(),
        List.of(scopes).stream().map(s -> new Charge(s, Optional.empty())).toList());
  }

  @Test
  void callsAreListedNewestFirstByFilterAndPagedByCursor() {
    for (int i = 0; i < 5; i++) {
      store.llmCalls().record(call("writer", "gpt-4o", "openai", 10, "t1", NOW), charge());
    }
    store.llmCalls().record(call("reader", "gpt-4o", "openai", 10, "t2", NOW), charge());
    var first =
        store
            .llmCalls()
            .list(
                new LlmCallQuery(
                    NS,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("writer"),
                    3,
                    Optional.empty()));
    assertThat(first.items()).hasSize(3).allMatch(c -> c.agent().equals(Optional.of("writer")));
    assertThat(first.nextCursor()).isPresent();
    var second =
        store
            .llmCalls()
            .list(
                new LlmCallQuery(
                    NS,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("writer"),
                    3,
                    first.nextCursor()));
    assertThat(second.items()).hasSize(2);
    assertThat(second.nextCursor()).isEmpty();
    assertThat(second.items().get(0).id()).isLessThan(first.items().get(2).id());
    var byTrace =
        store
            .llmCalls()
            .list(
                new LlmCallQuery(
                    NS,
                    Optional.of("t2"),
                    Optional.empty(),
                    Optional.empty(),
                    50,
                    Optional.empty()));
    assertThat(byTrace.items())
        .singleElement()
        .satisfies(c -> {
          assertThat(c.agent()).contains("reader");
          assertThat(c.usage()).isEqualTo(new TokenUsage(100, 20, 5, 1));
          assertThat(c.ttftMs()).contains(40L);
          assertThat(c.startedAt()).isEqualTo(NOW);
        });
  }

  @Test
  void aTraceHasItsOwnCallsAndThoseOfItsInvocations() {
    LlmCallRecord byInvocation =
        new LlmCallRecord(
            Ids.uuid7(),
            NS,
            Optional.empty(),
            "m",
            "p",
            Optional.empty(),
            Optional.empty(),
            TokenUsage.NONE,
            0,
            1,
            Optional.empty(),
            Optional.empty(),
            false,
            Optional.of("boom"),
            Optional.of("inv-1"),
            Optional.empty(),
            Optional.empty(),
            NOW);
    store.llmCalls().record(byInvocation, charge());
    store.llmCalls().record(call(null, "m", "p", 1, "t1", NOW.plusSeconds(1)), charge());
    store.llmCalls().record(call(null, "m", "p", 1, "other", NOW), charge());
    var calls = store.llmCalls().forTrace(NS, "t1", List.of("inv-1", "inv-2"), 100);
    assertThat(calls)
        .extracting(LlmCallRecord::traceId)
        .containsExactly(Optional.empty(), Optional.of("t1"));
    assertThat(calls.get(0).ok()).isFalse();
    assertThat(calls.get(0).error()).contains("boom");
  }

  @Test
  void usageGroupsByEachKeyWithinTheRange() {
    Instant day1 = Instant.parse("2026-11-01T23:59:00Z");
    Instant day2 = Instant.parse("2026-11-02T00:01:00Z");
    store.llmCalls().record(call("a", "gpt-4o", "openai", 100, null, day1), charge());
    store.llmCalls().record(call("b", "gpt-4o", "openai", 200, null, day2), charge());
    store.llmCalls().record(call(null, "claude", "anthropic", 300, null, day2), charge());
    store
        .llmCalls()
        .record(
            call("a", "claude", "anthropic", 400, null, day2.plus(Duration.ofDays(40))), charge());
    Instant from = Instant.parse("2026-11-01T00:00:00Z");
    Instant to = Instant.parse("2026-12-01T00:00:00Z");
    assertThat(store.llmCalls().usage(NS, UsageGroupBy.AGENT, from, to))
        .containsExactly(
            new UsageRow(Optional.empty(), 1, 100, 20, 5, 1, 300),
            new UsageRow(Optional.of("a"), 1, 100, 20, 5, 1, 100),
            new UsageRow(Optional.of("b"), 1, 100, 20, 5, 1, 200));
    assertThat(store.llmCalls().usage(NS, UsageGroupBy.MODEL, from, to))
        .extracting(UsageRow::key, UsageRow::calls, UsageRow::costMicros)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Optional.of("claude"), 1L, 300L),
            org.assertj.core.groups.Tuple.tuple(Optional.of("gpt-4o"), 2L, 300L));
    assertThat(store.llmCalls().usage(NS, UsageGroupBy.PROVIDER, from, to))
        .extracting(UsageRow::key)
        .containsExactly(Optional.of("anthropic"), Optional.of("openai"));
    assertThat(store.llmCalls().usage(NS, UsageGroupBy.DAY, from, to))
        .extracting(UsageRow::key, UsageRow::calls)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Optional.of("2026-11-01"), 1L),
            org.assertj.core.groups.Tuple.tuple(Optional.of("2026-11-02"), 2L));
    assertThat(store.llmCalls().usage("other", UsageGroupBy.DAY, from, to)).isEmpty();
  }

  @Test
  void holdsAreAllOrNothingAndSettlementTurnsThemIntoSpend() {
    var budgets = store.llmBudgets();
    Instant expiry = NOW.plusSeconds(600);
    assertThat(
            budgets.admit(
                NS,
                "r1",
                MONTH,
                List.of(new Hold(AGENT, 1000, 600), new Hold("namespace", 5000, 600)),
                expiry))
        .isEqualTo(new Admission.Admitted("r1"));
    // The agent's budget has 400 left, the namespace's plenty: refused, and nothing is held.
    assertThat(
            budgets.admit(
                NS,
                "r2",
                MONTH,
                List.of(new Hold("namespace", 5000, 500), new Hold(AGENT, 1000, 500)),
                expiry))
        .isEqualTo(new Admission.Refused(AGENT, 1000, 0, 600, 500));
    assertThat(budgets.usage(NS, "namespace", MONTH)).isEqualTo(new BudgetUsage(0, 600, false));
    List<Warned> warned =
        store
            .llmCalls()
            .record(
                call("writer", "m", "p", 550, null, NOW),
                new Settlement(
                    Optional.of("r1"),
                    List.of(
                        new Charge(AGENT, Optional.of(500L)),
                        new Charge("namespace", Optional.of(4000L)))));
    assertThat(warned).containsExactly(new Warned(AGENT, MONTH, 550));
    assertThat(budgets.usage(NS, AGENT, MONTH)).isEqualTo(new BudgetUsage(550, 0, true));
    assertThat(budgets.usage(NS, "namespace", MONTH)).isEqualTo(new BudgetUsage(550, 0, false));
    // Warned once a month: the next crossing call says nothing.
    assertThat(
            store
                .llmCalls()
                .record(
                    call("writer", "m", "p", 10, null, NOW),
                    new Settlement(
                        Optional.empty(), List.of(new Charge(AGENT, Optional.of(500L))))))
        .isEmpty();
    assertThat(budgets.admit(NS, "r3", MONTH, List.of(new Hold(AGENT, 1000, 440)), expiry))
        .isEqualTo(new Admission.Admitted("r3"));
    assertThat(budgets.admit(NS, "r4", MONTH, List.of(new Hold(AGENT, 1000, 1)), expiry))
        .isInstanceOf(Admission.Refused.class);
  }

  @Test
  void aQueuedRecordCountsAtOnceAndTheNodeReadsItWithoutWaitingForItsFuture() {
    var budgets = store.llmBudgets();
    Instant expiry = NOW.plusSeconds(600);
    assertThat(budgets.admit(NS, "q1", MONTH, List.of(new Hold(AGENT, 1000, 600)), expiry))
        .isEqualTo(new Admission.Admitted("q1"));
    LlmCallRecord queued = call("writer", "m", "p", 300, "tq", NOW);
    var done =
        store
            .llmCalls()
            .recordLater(
                queued,
                new Settlement(
                    Optional.of("q1"),
                    List.of(
                        new Charge(AGENT, Optional.empty()),
                        new Charge("namespace", Optional.empty()))));
    // Whether or not it has committed yet, the call counts (at its cost, or at its hold until the
    // commit on a store whose holds are rows): 1000 are not left.
    assertThat(budgets.admit(NS, "q2", MONTH, List.of(new Hold(AGENT, 1000, 701)), expiry))
        .isInstanceOf(Admission.Refused.class);
    // This node's reads see it without waiting for the future themselves.
    assertThat(
            store
                .llmCalls()
                .list(
                    new LlmCallQuery(
                        NS,
                        Optional.of("tq"),
                        Optional.empty(),
                        Optional.empty(),
                        10,
                        Optional.empty()))
                .items())
        .extracting(LlmCallRecord::id)
        .containsExactly(queued.id());
    assertThat(budgets.usage(NS, AGENT, MONTH)).isEqualTo(new BudgetUsage(300, 0, false));
    assertThat(budgets.admit(NS, "q3", MONTH, List.of(new Hold(AGENT, 1000, 700)), expiry))
        .isEqualTo(new Admission.Admitted("q3"));
    assertThat(done.join()).isEmpty();
  }

  @Test
  void expiredHoldsAreReleasedOnceAndALateSettlementReleasesNothingTwice() {
    var budgets = store.llmBudgets();
    budgets.admit(NS, "r1", MONTH, List.of(new Hold(AGENT, 1000, 700)), NOW.plusSeconds(60));
    budgets.admit(NS, "r2", MONTH, List.of(new Hold(AGENT, 1000, 200)), NOW.plusSeconds(600));
    assertThat(budgets.releaseExpired(NOW.plusSeconds(61), 100)).isEqualTo(1);
    assertThat(budgets.releaseExpired(NOW.plusSeconds(61), 100)).isZero();
    assertThat(budgets.usage(NS, AGENT, MONTH)).isEqualTo(new BudgetUsage(0, 200, false));
    store
        .llmCalls()
        .record(
            call("writer", "m", "p", 650, null, NOW),
            new Settlement(Optional.of("r1"), List.of(new Charge(AGENT, Optional.empty()))));
    assertThat(budgets.usage(NS, AGENT, MONTH)).isEqualTo(new BudgetUsage(650, 200, false));
  }

  @Test
  void budgetsAndPricesAreStoredPerNamespace() {
    var b = new BudgetRecord(NS, "namespace", 10_000_000, 0.8, NOW);
    store.llmBudgets().put(b);
    store.llmBudgets().put(new BudgetRecord(NS, "namespace", 20_000_000, 0.5, NOW));
    assertThat(store.llmBudgets().find(NS, "namespace"))
        .contains(new BudgetRecord(NS, "namespace", 20_000_000, 0.5, NOW));
    assertThat(store.llmBudgets().find("other", "namespace")).isEmpty();
    assertThat(store.llmBudgets().delete(NS, "namespace")).isTrue();
    assertThat(store.llmBudgets().delete(NS, "namespace")).isFalse();

    var p = new PriceRecord(NS, "my-model", 1_000_000, 2_000_000, 100_000, 1_250_000, NOW);
    store.llmPrices().put(p);
    store.llmPrices().put(new PriceRecord(NS, "a-model", 1, 2, 3, 4, NOW));
    assertThat(store.llmPrices().find(NS, "my-model")).contains(p);
    assertThat(store.llmPrices().list(NS))
        .extracting(PriceRecord::model)
        .containsExactly("a-model", "my-model");
    assertThat(store.llmPrices().list("other")).isEmpty();
    assertThat(store.llmPrices().delete(NS, "my-model")).isTrue();
    assertThat(store.llmPrices().find(NS, "my-model")).isEmpty();
  }
}
