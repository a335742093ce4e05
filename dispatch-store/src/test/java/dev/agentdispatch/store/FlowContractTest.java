package dev.agentdispatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.core.agent.DegradePolicy;
import dev.agentdispatch.core.id.Ids;
import dev.agentdispatch.core.invocation.ErrorInfo;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.store.facade.Store;
import dev.agentdispatch.store.flow.FlowCount;
import dev.agentdispatch.store.flow.FlowStore;
import dev.agentdispatch.store.flow.RateDecision;
import dev.agentdispatch.store.flow.RateRule;
import dev.agentdispatch.store.invocation.ClaimLimits;
import dev.agentdispatch.store.invocation.ClaimRequest;
import dev.agentdispatch.store.invocation.Completion;
import dev.agentdispatch.store.invocation.InvocationStore;
import dev.agentdispatch.store.invocation.NewInvocation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Flow control in the store (DESIGN §7), the same on every database: caps counted at claim, the
 * per-key gate, pauses.
 */
public abstract class FlowContractTest {
  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final String NS = "default";
  private static final String AGENT = "agent";

  protected Store store;
  private InvocationStore invocations;
  private FlowStore flow;

  protected abstract Store openStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = openStore();
    invocations = store.invocations();
    flow = store.flow();
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  private static InvocationSpec spec(String function, Optional<String> key, Optional<Integer> k) {
    return InvocationSpec.builder(Ids.uuid7(), NS, AGENT, function)
        .payloadJson("{}")
        .traceId(Ids.uuid7())
        .createdAt(NOW)
        .concurrencyKey(key)
        .keyConcurrency(k)
        .build();
  }

  private Invocation create(String function) {
    return invocations
        .create(spec(function, Optional.empty(), Optional.empty()), NOW, NOW)
        .invocation();
  }

  private Invocation createKeyed(String key, int limit) {
    return invocations
        .create(spec("fn", Optional.of(key), Optional.of(limit)), NOW, NOW)
        .invocation();
  }

  private List<Invocation> claim(int max, ClaimLimits limits, Set<String> functions) {
    return invocations.claim(new ClaimRequest(NS, AGENT, functions, "w1", max, LEASE, limits), NOW);
  }

  private List<Invocation> claim(int max) {
    return claim(max, ClaimLimits.NONE, Set.of());
  }

  private void complete(Invocation inv) {
    invocations.complete(
        NS,
        List.of(new Completion.Completed(inv.state().lease().orElseThrow().leaseId(), "{}")),
        NOW);
  }

  private int running() {
    return flow.counts(NS, AGENT).stream().mapToInt(FlowCount::running).sum();
  }

  private static ClaimLimits agentCap(int cap) {
    return new ClaimLimits(Optional.of(cap), Map.of(), Set.of("fn", "other"));
  }

  @Test
  void anAgentCapIsNeverExceededByConcurrentWorkers() throws Exception {
    int total = 1_000;
    List<NewInvocation> items = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      items.add(new NewInvocation(spec("fn", Optional.empty(), Optional.empty()), NOW));
    }
    invocations.createAll(items, NOW);
    AtomicInteger done = new AtomicInteger();
    AtomicInteger worst = new AtomicInteger();
    ExecutorService workers = Executors.newFixedThreadPool(20);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < 20; w++) {
        String worker = "w" + w;
        futures.add(
            workers.submit(() -> {
              while (done.get() < total) {
                List<Invocation> got =
                    invocations.claim(
                        new ClaimRequest(NS, AGENT, Set.of(), worker, 5, LEASE, agentCap(3)), NOW);
                worst.accumulateAndGet(running(), Math::max);
                for (Invocation inv : got) {
                  complete(inv);
                  done.incrementAndGet();
                }
              }
              return null;
            }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      workers.shutdownNow();
    }
    assertThat(worst.get()).isBetween(1, 3);
    assertThat(invocations.count(NS, InvocationStatus.COMPLETED)).isEqualTo(total);
  }

  @Test
  void aFunctionCapHoldsInsideTheAgentCap() {
    for (int i = 0; i < 5; i++) {
      create("fn");
      create("other");
    }
    ClaimLimits limits = new ClaimLimits(Optional.of(4), Map.of("fn", 1), Set.of("fn", "other"));
    List<Invocation> got = claim(10, limits, Set.of());
    assertThat(got).hasSize(4);
    assertThat(got.stream().filter(i -> i.spec().function().equals("fn"))).hasSize(1);
    assertThat(claim(10, limits, Set.of())).isEmpty();
    complete(got.stream().filter(i -> i.spec().function().equals("fn")).findFirst().orElseThrow());
    List<Invocation> next = claim(10, limits, Set.of("fn"));
    assertThat(next)
        .singleElement()
        .satisfies(i -> assertThat(i.spec().function()).isEqualTo("fn"));
  }

  private Invocation createInLane(String lane) {
    InvocationSpec laned =
        InvocationSpec.builder(Ids.uuid7(), NS, AGENT, "fn")
            .payloadJson("{}")
            .traceId(Ids.uuid7())
            .createdAt(NOW)
            .lane(Optional.of(lane))
            .build();
    return invocations.create(laned, NOW, NOW).invocation();
  }

  @Test
  void aReservedLaneKeepsItsSlotsFromOtherLanesAndALaneCapHolds() {
    ClaimLimits limits =
        new ClaimLimits(
            Optional.of(4),
            Map.of(),
            Map.of(
                "interactive", new ClaimLimits.LaneLimit(Optional.empty(), 2),
                "batch", new ClaimLimits.LaneLimit(Optional.of(3), 0)),
            Set.of("fn"));
    for (int i = 0; i < 10; i++) {
      createInLane("batch");
    }
    List<Invocation> batch = claim(10, limits, Set.of());
    assertThat(batch).as("4 slots, 2 kept for interactive").hasSize(2);
    for (int i = 0; i < 3; i++) {
      createInLane("interactive");
    }
    List<Invocation> interactive = claim(10, limits, Set.of());
    assertThat(interactive)
        .hasSize(2)
        .allSatisfy(inv -> assertThat(inv.spec().lane()).contains("interactive"));
    assertThat(claim(10, limits, Set.of())).isEmpty();
    complete(interactive.getFirst());
    complete(interactive.getLast());
    // Interactive's reserve is unused again: batch still gets only what is left beside it.
    assertThat(claim(10, limits, Set.of())).hasSize(1);
    complete(batch.getFirst());
    complete(batch.getLast());
    assertThat(claim(10, limits, Set.of())).hasSize(2);
    assertThat(running()).isEqualTo(3);
  }

  @Test
  void aLaneCapHoldsWithoutAnAgentCap() {
    ClaimLimits limits =
        new ClaimLimits(
            Optional.empty(),
            Map.of(),
            Map.of("batch", new ClaimLimits.LaneLimit(Optional.of(3), 0)),
            Set.of("fn"));
    for (int i = 0; i < 5; i++) {
      createInLane("batch");
      create("fn");
    }
    List<Invocation> got = claim(20, limits, Set.of());
    assertThat(got.stream().filter(inv -> inv.spec().lane().isPresent())).hasSize(3);
    assertThat(got.stream().filter(inv -> inv.spec().lane().isEmpty())).hasSize(5);
  }

  private void fail(Invocation inv) {
    invocations.complete(
        NS,
        List.of(
            new Completion.Failed(
                inv.state().lease().orElseThrow().leaseId(),
                new ErrorInfo("boom", "Boom", Optional.empty(), Optional.empty()),
                false)),
        NOW);
  }

  @Test
  void aClassDegradesAfterConsecutiveFailuresAndAResetClearsIt() {
    flow.degradePolicy(NS, AGENT, Optional.of(new DegradePolicy(2, DegradePolicy.Mode.PAUSE)), NOW);
    for (int i = 0; i < 4; i++) {
      create("fn");
    }
    fail(claim(1).getFirst());
    assertThat(flow.classes(NS, AGENT))
        .singleElement()
        .satisfies(c -> {
          assertThat(c.failures()).isEqualTo(1);
          assertThat(c.degradedSince()).isEmpty();
        });
    fail(claim(1).getFirst());
    assertThat(flow.classes(NS, AGENT).getFirst().degradedSince()).contains(NOW);
    assertThat(claim(10)).as("a degraded class in pause mode is not leased").isEmpty();
    assertThat(flow.resetClass(NS, AGENT, "", NOW)).isTrue();
    List<Invocation> after = claim(10);
    assertThat(after).hasSize(2);
    complete(after.getFirst());
    assertThat(flow.classes(NS, AGENT)).isEmpty();
  }

  @Test
  void aSlowedClassRunsOneAtATimeAndASuccessClearsIt() {
    flow.degradePolicy(NS, AGENT, Optional.of(new DegradePolicy(1, DegradePolicy.Mode.SLOW)), NOW);
    for (int i = 0; i < 4; i++) {
      create("fn");
    }
    fail(claim(1).getFirst());
    List<Invocation> probe = claim(10);
    assertThat(probe).hasSize(1);
    assertThat(claim(10)).isEmpty();
    complete(probe.getFirst());
    assertThat(flow.classes(NS, AGENT)).isEmpty();
    assertThat(claim(10)).hasSize(2);
  }

  @Test
  void aKeyRunsOneAtATimeInOrderWhileOtherKeysRun() {
    Invocation a1 = createKeyed("a", 1);
    Invocation a2 = createKeyed("a", 1);
    Invocation b1 = createKeyed("b", 1);
    assertThat(flow.keyBlocked(NS, a2.id())).isTrue();
    assertThat(flow.keyBlocked(NS, a1.id())).isFalse();

    List<Invocation> first = claim(10);
    assertThat(first).extracting(Invocation::id).containsExactlyInAnyOrder(a1.id(), b1.id());
    assertThat(claim(10)).isEmpty();

    complete(first.stream().filter(i -> i.id().equals(a1.id())).findFirst().orElseThrow());
    assertThat(flow.keyBlocked(NS, a2.id())).isFalse();
    assertThat(claim(10)).extracting(Invocation::id).containsExactly(a2.id());
  }

  @Test
  void aLongBacklogOfOneKeyDoesNotDelayAnotherKey() {
    List<NewInvocation> backlog = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      backlog.add(new NewInvocation(spec("fn", Optional.of("big"), Optional.of(2)), NOW));
    }
    invocations.createAll(backlog, NOW);
    Invocation small = createKeyed("small", 2);
    List<Invocation> got = claim(10);
    assertThat(got).extracting(Invocation::id).contains(small.id());
    assertThat(got).hasSize(3);
    FlowCount counts = flow.counts(NS, AGENT).getFirst();
    assertThat(counts.running()).isEqualTo(3);
    assertThat(counts.keyBlocked()).isEqualTo(4_998);
  }

  @Test
  void keysTakeTurnsSoABacklogDoesNotDelayAnotherKeysSingleInvocation() {
    List<NewInvocation> backlog = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      backlog.add(new NewInvocation(spec("fn", Optional.of("a"), Optional.empty()), NOW));
    }
    invocations.createAll(backlog, NOW);
    assertThat(claim(5)).hasSize(5);
    Invocation b =
        invocations.create(spec("fn", Optional.of("b"), Optional.empty()), NOW, NOW).invocation();
    List<NewInvocation> others = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      others.add(new NewInvocation(spec("fn", Optional.of("c"), Optional.empty()), NOW));
    }
    invocations.createAll(others, NOW);
    List<Invocation> next = claim(10);
    assertThat(next).extracting(Invocation::id).contains(b.id());
    // Round-robin: a, b and c each take a turn before any key takes a second.
    assertThat(next.subList(0, 3).stream().map(i -> i.spec().concurrencyKey().orElseThrow()))
        .containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void cancellingARunningInvocationFreesItsKeySlotWhenTheAttemptEnds() {
    Invocation a1 = createKeyed("a", 1);
    Invocation a2 = createKeyed("a", 1);
    Invocation a3 = createKeyed("a", 1);
    Invocation running = claim(10).getFirst();
    assertThat(running.id()).isEqualTo(a1.id());
    invocations.cancel(NS, a1.id(), false, NOW);
    // A cancel asks the worker; the slot frees only when the attempt ends.
    assertThat(claim(10)).isEmpty();
    invocations.complete(
        NS,
        List.of(
            new Completion.CancelAcknowledged(
                running.state().lease().orElseThrow().leaseId(), List.of())),
        NOW);
    assertThat(claim(10)).extracting(Invocation::id).containsExactly(a2.id());
    // Cancelling one that waits at the gate frees nothing and leaves no one waiting.
    invocations.cancel(NS, a3.id(), false, NOW);
    assertThat(flow.counts(NS, AGENT).getFirst().keyBlocked()).isZero();
    assertThat(flow.counts(NS, AGENT).getFirst().running()).isEqualTo(1);
  }

  @Test
  void aFailedAttemptWaitingForItsRetryKeepsTheKeysSlot() {
    createKeyed("a", 1);
    Invocation a2 = createKeyed("a", 1);
    Invocation running = claim(10).getFirst();
    invocations.complete(
        NS,
        List.of(
            new Completion.Failed(
                running.state().lease().orElseThrow().leaseId(),
                new ErrorInfo("boom", "Boom", Optional.empty(), Optional.empty()),
                true)),
        NOW);
    assertThat(invocations.find(NS, running.id()).orElseThrow().status())
        .isEqualTo(InvocationStatus.PENDING);
    assertThat(flow.keyBlocked(NS, a2.id())).isTrue();
  }

  @Test
  void aManualRetryQueuesBehindTheKeysSlots() {
    Invocation a1 = createKeyed("a", 1);
    complete(claim(1).getFirst());
    Invocation a2 = createKeyed("a", 1);
    Invocation leased = claim(1).getFirst();
    assertThat(leased.id()).isEqualTo(a2.id());
    invocations.retry(NS, a1.id(), NOW);
    assertThat(flow.keyBlocked(NS, a1.id())).isTrue();
    assertThat(claim(10)).isEmpty();
    complete(leased);
    assertThat(claim(10)).extracting(Invocation::id).containsExactly(a1.id());
  }

  @Test
  void aDeadWorkersSlotFreesWhenItsLeaseExpires() {
    create("fn");
    create("fn");
    assertThat(claim(5, agentCap(1), Set.of())).hasSize(1);
    assertThat(claim(5, agentCap(1), Set.of())).isEmpty();
    invocations.sweepExpiredLeases(NOW.plus(LEASE).plusSeconds(1), 100);
    assertThat(
            invocations.claim(
                new ClaimRequest(NS, AGENT, Set.of(), "w2", 5, LEASE, agentCap(1)),
                NOW.plus(LEASE).plusSeconds(60)))
        .hasSize(1);
  }

  @Test
  void aBucketRefusesOverItsRateChangingNothingAndAThrottleLendsAhead() {
    // 2 tokens, refilled at 1 per second.
    RateRule refuse = new RateRule("function a/f", 1.0, 2, false);
    Duration wait = Duration.ofHours(1);
    assertThat(flow.take(NS, List.of(refuse), wait, NOW)).isEqualTo(new RateDecision.Granted(NOW));
    assertThat(flow.take(NS, List.of(refuse), wait, NOW)).isEqualTo(new RateDecision.Granted(NOW));
    assertThat(flow.take(NS, List.of(refuse), wait, NOW))
        .isEqualTo(new RateDecision.Refused("function a/f", Duration.ofSeconds(1)));
    assertThat(flow.take(NS, List.of(refuse), wait, NOW.plusMillis(1_000)))
        .isInstanceOf(RateDecision.Granted.class);

    // All or none: a refusing bucket leaves the other bucket of the same take untouched.
    RateRule other = new RateRule("agent a", 1.0, 1, false);
    assertThat(flow.take(NS, List.of(other, refuse), wait, NOW.plusMillis(1_000)))
        .isInstanceOf(RateDecision.Refused.class);
    assertThat(flow.take(NS, List.of(other), wait, NOW.plusMillis(1_000)))
        .isInstanceOf(RateDecision.Granted.class);

    RateRule throttle = new RateRule("function a/t", 0.5, 1, true);
    assertThat(flow.take(NS, List.of(throttle), wait, NOW))
        .isEqualTo(new RateDecision.Granted(NOW));
    assertThat(flow.take(NS, List.of(throttle), wait, NOW))
        .isEqualTo(new RateDecision.Granted(NOW.plusSeconds(2)));
    assertThat(flow.take(NS, List.of(throttle), wait, NOW))
        .isEqualTo(new RateDecision.Granted(NOW.plusSeconds(4)));
    assertThat(flow.take(NS, List.of(throttle), Duration.ofSeconds(5), NOW))
        .as("past the longest delay: refused")
        .isInstanceOf(RateDecision.Refused.class);
    assertThat(flow.pruneBuckets(NOW.plusSeconds(3_600), 100)).isEqualTo(3);
  }

  @Test
  void pausingKeepsWorkAndResumingReleasesIt() {
    create("fn");
    create("other");
    assertThat(flow.pause(NS, AGENT, FlowStore.WHOLE_AGENT, NOW)).isTrue();
    assertThat(flow.pause(NS, AGENT, FlowStore.WHOLE_AGENT, NOW)).isFalse();
    assertThat(claim(10)).isEmpty();
    assertThat(flow.resume(NS, AGENT, FlowStore.WHOLE_AGENT, NOW)).isTrue();
    assertThat(flow.resume(NS, AGENT, FlowStore.WHOLE_AGENT, NOW)).isFalse();

    flow.pause(NS, AGENT, "fn", NOW);
    assertThat(flow.paused(NS, AGENT)).containsExactly("fn");
    List<Invocation> got = claim(10);
    assertThat(got)
        .singleElement()
        .satisfies(i -> assertThat(i.spec().function()).isEqualTo("other"));
    flow.resume(NS, AGENT, "fn", NOW);
    assertThat(claim(10))
        .singleElement()
        .satisfies(i -> assertThat(i.spec().function()).isEqualTo("fn"));
  }
}
