package dev.agentdispatch.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.core.id.Ids;
import dev.agentdispatch.core.llm.TokenUsage;
import dev.agentdispatch.store.facade.Store;
import dev.agentdispatch.store.llm.Admission;
import dev.agentdispatch.store.llm.BudgetUsage;
import dev.agentdispatch.store.llm.Charge;
import dev.agentdispatch.store.llm.Hold;
import dev.agentdispatch.store.llm.LlmCallRecord;
import dev.agentdispatch.store.llm.Settlement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Budget allowances on PostgreSQL: each node admits against a share of a budget it reserved in the
 * database, and the budget still holds across nodes. Two stores on one schema are two nodes.
 */
class PostgresBudgetAllowancesTest {
  private static final String NS = "allow";
  private static final String AGENT = "agent:writer";

  private final PgFreshStores fresh = new PgFreshStores();
  private final Instant now = Instant.now();
  private final YearMonth month = YearMonth.from(now.atOffset(ZoneOffset.UTC));
  private Store a;
  private Store b;

  @BeforeEach
  void open() {
    a = fresh.open();
    b = fresh.openAnotherNode();
  }

  @AfterEach
  void close() {
    if (b != null) {
      b.close();
    }
    a = fresh.closeAndDrop(a);
  }

  private Admission admit(Store node, String id, long limit, long micros) {
    return node.llmBudgets()
        .admit(NS, id, month, List.of(new Hold(AGENT, limit, micros)), now.plusSeconds(900));
  }

  /** What the database holds reserved, as a node without allowances of its own sees it. */
  private BudgetUsage seenBy(Store node) {
    return node.llmBudgets().usage(NS, AGENT, month);
  }

  private CompletableFuture<?> settle(Store node, String reservation, String callId, long cost) {
    return node.llmCalls()
        .recordLater(
            call(callId, cost),
            new Settlement(
                Optional.ofNullable(reservation), List.of(new Charge(AGENT, Optional.empty()))));
  }

  private LlmCallRecord call(String id, long cost) {
    return new LlmCallRecord(
        id,
        NS,
        Optional.of("writer"),
        "m",
        "p",
        Optional.empty(),
        Optional.of("/chat/completions"),
        new TokenUsage(10, 10, 0, 0),
        cost,
        5,
        Optional.empty(),
        Optional.of("stop"),
        true,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        now);
  }

  @Test
  void farFromTheEdgeOneTopUpAdmitsManyCallsAndAnIdleAllowanceIsGivenBack() {
    for (int i = 0; i < 100; i++) {
      assertThat(admit(a, "r" + i, 8_000_000, 1_000)).isInstanceOf(Admission.Admitted.class);
    }
    // One top-up took an eighth of what was left; the other 99 calls cost no round trip.
    assertThat(seenBy(b)).isEqualTo(new BudgetUsage(0, 1_000_000, false));
    // The node that holds the allowance counts only what its calls hold of it.
    assertThat(seenBy(a)).isEqualTo(new BudgetUsage(0, 100_000, false));
    List<CompletableFuture<?>> records = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      records.add(settle(a, "r" + i, Ids.uuid7(), 900));
    }
    records.forEach(CompletableFuture::join);
    assertThat(seenBy(a)).isEqualTo(new BudgetUsage(90_000, 0, false));
    // The allowance lost what its calls cost; its rest is given back once a second passes idle.
    assertThat(seenBy(b).spentMicros()).isEqualTo(90_000);
    assertThat(seenBy(b).reservedMicros()).isIn(910_000L, 0L);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(seenBy(b)).isEqualTo(new BudgetUsage(90_000, 0, false)));
  }

  @Test
  void theEdgeHoldsAcrossNodesAdmittingExactlyWhatFits() throws Exception {
    int calls = 40;
    AtomicInteger admitted = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(calls);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        Store node = i % 2 == 0 ? a : b;
        String id = "e" + i;
        done.add(
            pool.submit(() -> {
              go.await();
              if (admit(node, id, 10_000, 1_000) instanceof Admission.Admitted) {
                admitted.incrementAndGet();
              }
              return null;
            }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(admitted).hasValue(10);
    Admission.Refused refused = (Admission.Refused) admit(a, "late", 10_000, 1);
    assertThat(refused.spentMicros() + refused.reservedMicros()).isEqualTo(10_000);
  }

  @Test
  void aDeadNodesAllowanceIsReleasedOnceItsRowExpires() {
    assertThat(admit(a, "x", 1_000_000, 1_000)).isInstanceOf(Admission.Admitted.class);
    assertThat(seenBy(b).reservedMicros()).isEqualTo(125_000);
    // Node a stops renewing (it died): after the row's time to live, any node's sweep frees it.
    assertThat(b.llmBudgets().releaseExpired(Instant.now().plusSeconds(5), 100)).isZero();
    assertThat(b.llmBudgets().releaseExpired(Instant.now().plusSeconds(31), 100)).isEqualTo(1);
    assertThat(seenBy(b).reservedMicros()).isZero();
  }

  @Test
  void aChangedLimitIsNotDecidedByAnAllowanceGrantedUnderTheOldOne() {
    assertThat(admit(a, "c1", 1_000_000, 1_000)).isInstanceOf(Admission.Admitted.class);
    // The budget was lowered to what is reserved already: the allowance has room, the budget not.
    assertThat(admit(a, "c2", 125_000, 1_000)).isInstanceOf(Admission.Refused.class);
  }

  @Test
  void aRecordThatFailsFailsAloneAndKeepsItsCostHeld() {
    String id = Ids.uuid7();
    settle(a, null, id, 100).join();
    assertThat(admit(a, "dup", 1_000_000, 1_000)).isInstanceOf(Admission.Admitted.class);
    assertThat(admit(a, "ok", 1_000_000, 1_000)).isInstanceOf(Admission.Admitted.class);
    // The same id again fails on its key; the call queued beside it is recorded all the same.
    CompletableFuture<?> duplicate = settle(a, "dup", id, 500);
    CompletableFuture<?> good = settle(a, "ok", Ids.uuid7(), 700);
    good.join();
    assertThatThrownBy(duplicate::join).hasMessageContaining("llm_calls");
    // 100 + 700 recorded; the failed call's 500 stays held as if it were still in flight.
    assertThat(seenBy(a)).isEqualTo(new BudgetUsage(800, 500, false));
  }
}
