package dev.agentdispatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.core.agent.RateLimit;
import dev.agentdispatch.core.auth.ApiKey;
import dev.agentdispatch.core.auth.Role;
import dev.agentdispatch.core.id.Ids;
import dev.agentdispatch.core.invocation.ErrorInfo;
import dev.agentdispatch.core.invocation.IllegalTransitionException;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.core.invocation.Jitter;
import dev.agentdispatch.core.invocation.Message;
import dev.agentdispatch.core.invocation.RetryPolicy;
import dev.agentdispatch.store.facade.Store;
import dev.agentdispatch.store.invocation.ClaimRequest;
import dev.agentdispatch.store.invocation.Completion;
import dev.agentdispatch.store.invocation.CompletionResult;
import dev.agentdispatch.store.invocation.CreateOutcome;
import dev.agentdispatch.store.invocation.HeartbeatResult;
import dev.agentdispatch.store.invocation.InvocationQuery;
import dev.agentdispatch.store.invocation.InvocationStore;
import dev.agentdispatch.store.invocation.NewEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Store} implementation passes. Subclasses say how to open a fresh, empty
 * store.
 */
public abstract class StoreContractTest {
  protected static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  protected static final Duration LEASE = Duration.ofSeconds(30);
  protected static final String NS = "default";

  protected Store store;
  protected InvocationStore invocations;

  /** A new, empty store. */
  protected abstract Store openStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = openStore();
    invocations = store.invocations();
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  protected static InvocationSpec spec(
      String agent,
      String function,
      int priority,
      Optional<String> idempotencyKey,
      String payload) {
    RetryPolicy retry = new RetryPolicy(2, 100, 2.0, 1000, Jitter.NONE, List.of("Fatal"));
    return new InvocationSpec(
        Ids.uuid7(),
        NS,
        agent,
        function,
        payload,
        priority,
        retry,
        Duration.ofSeconds(60),
        Optional.empty(),
        idempotencyKey,
        idempotencyKey.map(k -> "hash:" + payload),
        Ids.uuid7(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Message.FUNCTION,
        NOW);
  }

  protected Invocation create(String function, int priority) {
    return invocations
        .create(spec("agent", function, priority, Optional.empty(), "{}"), NOW, NOW)
        .invocation();
  }

  protected List<Invocation> claim(int max, Set<String> functions) {
    return invocations.claim(new ClaimRequest(NS, "agent", functions, "w1", max, LEASE), NOW);
  }

  protected static String leaseId(Invocation inv) {
    return inv.state().lease().orElseThrow().leaseId();
  }

  @Test
  void createdInvocationIsFoundAndListed() {
    Invocation inv = create("fn", 5);
    assertThat(invocations.find(NS, inv.id()))
        .get()
        .extracting(Invocation::status)
        .isEqualTo(InvocationStatus.PENDING);
    assertThat(invocations.find("other", inv.id())).isEmpty();
    assertThat(invocations.list(InvocationQuery.all(NS)).items())
        .extracting(Invocation::id)
        .containsExactly(inv.id());
  }

  @Test
  void theParentSpanOfAnInvocationIsStoredWithIt() {
    InvocationSpec spec =
        InvocationSpec.builder(Ids.uuid7(), NS, "agent", "fn")
            .payloadJson("{}")
            .traceId(Ids.uuid7())
            .createdAt(NOW)
            .parentSpanId(Optional.of("00f067aa0ba902b7"))
            .build();
    invocations.create(spec, NOW, NOW);
    Invocation plain = create("fn", 5);
    assertThat(invocations.find(NS, spec.id()).orElseThrow().spec().parentSpanId())
        .contains("00f067aa0ba902b7");
    assertThat(invocations.find(NS, plain.id()).orElseThrow().spec().parentSpanId()).isEmpty();
  }

  @Test
  void idempotencyKeyDeduplicatesSameRequestAndFlagsADifferentOne() {
    CreateOutcome first =
        invocations.create(spec("agent", "fn", 5, Optional.of("k1"), "{\"a\":1}"), NOW, NOW);
    CreateOutcome again =
        invocations.create(spec("agent", "fn", 5, Optional.of("k1"), "{\"a\":1}"), NOW, NOW);
    CreateOutcome other =
        invocations.create(spec("agent", "fn", 5, Optional.of("k1"), "{\"a\":2}"), NOW, NOW);
    assertThat(first).isInstanceOf(CreateOutcome.Created.class);
    assertThat(again).isInstanceOf(CreateOutcome.Deduplicated.class);
    assertThat(again.invocation().id()).isEqualTo(first.invocation().id());
    assertThat(other).isInstanceOf(CreateOutcome.IdempotencyConflict.class);
    assertThat(invocations.count(NS, InvocationStatus.PENDING)).isEqualTo(1);
  }

  @Test
  void claimTakesHighestPriorityFirstThenFifoAndRespectsMaxAndFunctions() {
    Invocation low = create("fn", 1);
    Invocation high = create("fn", 9);
    Invocation mid1 = create("fn", 5);
    Invocation mid2 = create("fn", 5);
    create("other", 9);
    List<Invocation> leased = claim(3, Set.of("fn"));
    assertThat(leased).extracting(Invocation::id).containsExactly(high.id(), mid1.id(), mid2.id());
    assertThat(leased).allSatisfy(i -> assertThat(i.status()).isEqualTo(InvocationStatus.RUNNING));
    assertThat(claim(10, Set.of("fn"))).extracting(Invocation::id).containsExactly(low.id());
    assertThat(claim(10, Set.of("fn"))).isEmpty();
  }

  @Test
  void delayedInvocationIsNotClaimedBeforeItIsAvailable() {
    invocations.create(spec("agent", "fn", 5, Optional.empty(), "{}"), NOW.plusSeconds(10), NOW);
    assertThat(claim(1, Set.of())).isEmpty();
    assertThat(
            invocations.claim(
                new ClaimRequest(NS, "agent", Set.of(), "w1", 1, LEASE), NOW.plusSeconds(11)))
        .hasSize(1);
  }

  @Test
  void completionIsFencedByLeaseId() {
    create("fn", 5);
    Invocation running = claim(1, Set.of()).get(0);
    List<CompletionResult> results =
        invocations.complete(
            NS,
            List.of(
                new Completion.Completed("no-such-lease", "{}"),
                new Completion.Completed(leaseId(running), "{\"ok\":true}")),
            NOW);
    assertThat(results.get(0).rejectedBecause()).contains(CompletionResult.STALE_LEASE);
    assertThat(results.get(1).accepted()).isTrue();
    Invocation done = invocations.find(NS, running.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(InvocationStatus.COMPLETED);
    assertThat(done.state().resultJson()).contains("{\"ok\":true}");
    assertThat(
            invocations
                .complete(NS, List.of(new Completion.Completed(leaseId(running), "{}")), NOW)
                .get(0)
                .accepted())
        .isFalse();
  }

  @Test
  void failedAttemptIsRetriedThenDeadLettered() {
    Invocation inv = create("fn", 5);
    Invocation first = claim(1, Set.of()).get(0);
    invocations.complete(
        NS,
        List.of(new Completion.Failed(leaseId(first), ErrorInfo.of("IOException", "x"), true)),
        NOW);
    Invocation pending = invocations.find(NS, inv.id()).orElseThrow();
    assertThat(pending.status()).isEqualTo(InvocationStatus.PENDING);
    assertThat(pending.state().availableAt()).isEqualTo(NOW.plusMillis(100));
    Invocation second =
        invocations
            .claim(new ClaimRequest(NS, "agent", Set.of(), "w1", 1, LEASE), NOW.plusSeconds(1))
            .get(0);
    invocations.complete(
        NS,
        List.of(new Completion.Failed(leaseId(second), ErrorInfo.of("IOException", "y"), true)),
        NOW);
    Invocation failed = invocations.find(NS, inv.id()).orElseThrow();
    assertThat(failed.status()).isEqualTo(InvocationStatus.ERROR);
    assertThat(failed.state().deadLettered()).isTrue();
    assertThat(invocations.attempts(NS, inv.id()))
        .extracting(a -> a.outcome().orElseThrow())
        .containsExactly("error", "error");
    InvocationQuery deadLetters =
        new InvocationQuery(
            NS,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            true,
            10,
            Optional.empty());
    assertThat(invocations.list(deadLetters).items())
        .extracting(Invocation::id)
        .containsExactly(inv.id());
    assertThat(invocations.count(deadLetters)).isEqualTo(1);
  }

  @Test
  void anUndeliveredLeaseIsGivenBackClaimableAtOnceAndItsOldLeaseIsStale() {
    Invocation inv = create("fn", 5);
    Invocation first = claim(1, Set.of()).get(0);
    assertThat(
            invocations
                .complete(NS, List.of(new Completion.Undelivered(leaseId(first))), NOW)
                .get(0)
                .accepted())
        .isTrue();
    Invocation back = invocations.find(NS, inv.id()).orElseThrow();
    assertThat(back.status()).isEqualTo(InvocationStatus.PENDING);
    assertThat(back.state().attemptsInChain()).isZero();
    // Claimable at the same instant, not after a backoff.
    Invocation second = claim(1, Set.of()).get(0);
    assertThat(second.id()).isEqualTo(inv.id());
    assertThat(
            invocations
                .complete(NS, List.of(new Completion.Completed(leaseId(first), "{}")), NOW)
                .get(0)
                .accepted())
        .as("the lease given back")
        .isFalse();
    assertThat(invocations.attempts(NS, inv.id()).get(0).outcome()).contains("undelivered");
  }

  @Test
  void heartbeatExtendsReportsCancelRequestsAndLostLeases() {
    create("fn", 5);
    create("fn", 5);
    List<Invocation> running = claim(2, Set.of());
    invocations.cancel(NS, running.get(1).id(), false, NOW);
    HeartbeatResult hb =
        invocations.heartbeat(
            NS,
            "w1",
            List.of(leaseId(running.get(0)), leaseId(running.get(1)), "gone"),
            LEASE,
            NOW.plusSeconds(20));
    assertThat(hb.extended()).containsExactly(leaseId(running.get(0)), leaseId(running.get(1)));
    assertThat(hb.cancelled()).containsExactly(leaseId(running.get(1)));
    assertThat(hb.lost()).containsExactly("gone");
    assertThat(
            invocations
                .heartbeat(NS, "other-worker", List.of(leaseId(running.get(0))), LEASE, NOW)
                .lost())
        .hasSize(1);
    assertThat(
            invocations
                .find(NS, running.get(0).id())
                .orElseThrow()
                .state()
                .lease()
                .orElseThrow()
                .expiresAt())
        .isEqualTo(NOW.plusSeconds(50));
  }

  @Test
  void expiredLeaseIsSweptAndRetriedAndTheOldLeaseIsStale() {
    Invocation inv = create("fn", 5);
    Invocation first = claim(1, Set.of()).get(0);
    assertThat(invocations.sweepExpiredLeases(NOW.plusSeconds(10), 100)).isZero();
    assertThat(invocations.sweepExpiredLeases(NOW.plusSeconds(31), 100)).isEqualTo(1);
    Invocation after = invocations.find(NS, inv.id()).orElseThrow();
    assertThat(after.status()).isEqualTo(InvocationStatus.PENDING);
    assertThat(after.state().error())
        .get()
        .extracting(ErrorInfo::type)
        .isEqualTo(ErrorInfo.LEASE_EXPIRED);
    assertThat(
            invocations
                .complete(NS, List.of(new Completion.Completed(leaseId(first), "{}")), NOW)
                .get(0)
                .accepted())
        .isFalse();
  }

  @Test
  void deadlineSweepTimesOutUnfinishedInvocations() {
    Invocation inv = create("fn", 5);
    assertThat(invocations.sweepDeadlines(NOW.plusSeconds(61), 100)).isEqualTo(1);
    assertThat(invocations.find(NS, inv.id()).orElseThrow().status())
        .isEqualTo(InvocationStatus.TIMED_OUT);
  }

  @Test
  void cancelCascadesToChildrenAndRefusesTerminal() {
    Invocation parent = create("fn", 5);
    InvocationSpec child =
        new InvocationSpec(
            Ids.uuid7(),
            NS,
            "agent",
            "fn",
            "{}",
            5,
            RetryPolicy.DEFAULT,
            Duration.ofSeconds(60),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            parent.spec().traceId(),
            Optional.of(parent.id()),
            Optional.empty(),
            Optional.empty(),
            Message.FUNCTION,
            NOW);
    invocations.create(child, NOW, NOW);
    assertThat(invocations.cancel(NS, parent.id(), true, NOW))
        .get()
        .extracting(Invocation::status)
        .isEqualTo(InvocationStatus.CANCELLED);
    assertThat(invocations.find(NS, child.id()).orElseThrow().status())
        .isEqualTo(InvocationStatus.CANCELLED);
    assertThatThrownBy(() -> invocations.cancel(NS, parent.id(), false, NOW))
        .isInstanceOf(IllegalTransitionException.class);
    assertThat(invocations.cancel(NS, "missing", false, NOW)).isEmpty();
  }

  @Test
  void manualRetryRequeuesATerminalInvocation() {
    Invocation inv = create("fn", 5);
    invocations.cancel(NS, inv.id(), false, NOW);
    assertThat(invocations.retry(NS, inv.id(), NOW))
        .get()
        .extracting(Invocation::status)
        .isEqualTo(InvocationStatus.PENDING);
    assertThat(claim(1, Set.of())).hasSize(1);
  }

  @Test
  void eventLogIsOrderedAndAppendsNeedALiveLease() {
    Invocation inv = create("fn", 5);
    Invocation running = claim(1, Set.of()).get(0);
    assertThat(
            invocations.appendEvents(
                NS,
                leaseId(running),
                List.of(
                    new NewEvent("log", "{\"line\":\"a\"}"),
                    new NewEvent("log", "{\"line\":\"b\"}")),
                NOW))
        .isTrue();
    assertThat(invocations.appendEvents(NS, "stale", List.of(new NewEvent("log", "{}")), NOW))
        .isFalse();
    invocations.complete(NS, List.of(new Completion.Completed(leaseId(running), "{}")), NOW);
    var log = invocations.events(NS, inv.id(), 0, 100);
    assertThat(log).extracting(e -> e.seq()).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(log)
        .extracting(e -> e.type())
        .containsExactly("status", "status", "log", "log", "status");
    assertThat(invocations.events(NS, inv.id(), 3, 100))
        .extracting(e -> e.seq())
        .containsExactly(4L, 5L);
  }

  @Test
  void listPagesWithACursorNewestFirst() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(create("fn", 5).id());
    }
    InvocationQuery q =
        new InvocationQuery(
            NS,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            false,
            2,
            Optional.empty());
    Page<Invocation> p1 = invocations.list(q);
    Page<Invocation> p2 =
        invocations.list(
            new InvocationQuery(
                NS,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                2,
                p1.nextCursor()));
    assertThat(p1.items()).extracting(Invocation::id).containsExactly(ids.get(4), ids.get(3));
    assertThat(p2.items()).extracting(Invocation::id).containsExactly(ids.get(2), ids.get(1));
    // A listing's total counts every page, whatever the page and cursor.
    assertThat(invocations.count(q)).isEqualTo(5);
    assertThat(
            invocations.count(
                new InvocationQuery(
                    NS,
                    Optional.empty(),
                    Optional.of("agent"),
                    Optional.of("other-fn"),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    false,
                    2,
                    p1.nextCursor())))
        .isZero();
  }

  @Test
  void pruneDeletesOnlyOldTerminalInvocations() {
    Invocation done = create("fn", 5);
    Invocation open = create("fn", 5);
    invocations.cancel(NS, done.id(), false, NOW);
    assertThat(invocations.pruneFinishedBefore(NOW.plusSeconds(1), 100)).isEqualTo(1);
    assertThat(invocations.find(NS, done.id())).isEmpty();
    assertThat(invocations.find(NS, open.id())).isPresent();
  }

  @Test
  void concurrentWritesAllCommitAndEachClaimIsExclusive() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      futures.add(pool.submit(() -> create("fn", 5)));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    List<Future<List<Invocation>>> claims = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      claims.add(pool.submit(() -> claim(7, Set.of())));
    }
    List<String> claimed = new ArrayList<>();
    for (Future<List<Invocation>> f : claims) {
      f.get().forEach(inv -> claimed.add(inv.id()));
    }
    pool.shutdown();
    assertThat(claimed).hasSize(200).doesNotHaveDuplicates();
  }

  @Test
  void agentsUpsertKeepCreationTimeAndCountLiveWorkers() {
    store.agents().upsert(NS, "a1", "{\"v\":1}", NOW);
    store.agents().upsert(NS, "a1", "{\"v\":2}", NOW.plusSeconds(5));
    store.agents().touchWorker(NS, "a1", "w1", NOW.plusSeconds(5));
    store.agents().touchWorker(NS, "a1", "w2", NOW.minusSeconds(500));
    var agent =
        store.agents().find(NS, "a1", Duration.ofSeconds(60), NOW.plusSeconds(6)).orElseThrow();
    assertThat(agent.specJson()).isEqualTo("{\"v\":2}");
    assertThat(agent.createdAt()).isEqualTo(NOW);
    assertThat(agent.liveWorkers()).isEqualTo(1);
    assertThat(agent.lastHeartbeat()).contains(NOW.plusSeconds(5));
    assertThat(store.agents().list("other", Duration.ofSeconds(60), NOW)).isEmpty();
    assertThat(store.agents().delete(NS, "a1")).isTrue();
    assertThat(store.agents().delete(NS, "a1")).isFalse();
  }

  @Test
  void workersNotSeenSinceTheCutoffAreForgottenInBatches() {
    store.agents().upsert(NS, "a1", "{}", NOW);
    for (int i = 0; i < 5; i++) {
      store.agents().touchWorker(NS, "a1", "gone-" + i, NOW.minusSeconds(3_600));
    }
    store.agents().touchWorker(NS, "a1", "alive", NOW);
    assertThat(store.agents().pruneWorkersSeenBefore(NOW.minusSeconds(60), 3)).isEqualTo(3);
    assertThat(store.agents().pruneWorkersSeenBefore(NOW.minusSeconds(60), 3)).isEqualTo(2);
    assertThat(store.agents().pruneWorkersSeenBefore(NOW.minusSeconds(60), 3)).isZero();
    var agent = store.agents().find(NS, "a1", Duration.ofDays(1), NOW).orElseThrow();
    assertThat(agent.liveWorkers()).isEqualTo(1);
    assertThat(agent.lastHeartbeat()).contains(NOW);
  }

  @Test
  void agentsOfEveryNamespaceAreListedTogether() {
    store.agents().upsert("zeta", "b", "{}", NOW);
    store.agents().upsert(NS, "z", "{}", NOW);
    store.agents().upsert("alpha", "a", "{}", NOW);
    store.agents().touchWorker("zeta", "b", "w1", NOW);
    var all = store.agents().listAll(Duration.ofSeconds(60), NOW.plusSeconds(1));
    assertThat(all)
        .extracting(a -> a.namespace() + "/" + a.name())
        .containsExactly("alpha/a", NS + "/z", "zeta/b");
    assertThat(all.get(2).liveWorkers()).isEqualTo(1);
    store.agents().delete("zeta", "b");
    assertThat(store.agents().listAll(Duration.ofSeconds(60), NOW)).hasSize(2);
  }

  @Test
  void keysAreFoundByHashAndRevoked() {
    ApiKey key =
        new ApiKey(Ids.uuid7(), "ci", "adk_1234", "hash1", NS, Role.CLIENT, NOW, Optional.empty());
    store.keys().insert(key);
    assertThat(store.keys().findByHash("hash1")).contains(key);
    assertThat(store.keys().revoke("adk_1234", NOW)).isTrue();
    assertThat(store.keys().findByHash("hash1").orElseThrow().active()).isFalse();
    ApiKey limited =
        new ApiKey(
            Ids.uuid7(),
            "limited",
            "adk_5678",
            "hash2",
            NS,
            Role.CLIENT,
            NOW,
            Optional.empty(),
            Optional.of(
                new RateLimit(10, Duration.ofSeconds(30), 20, false, RateLimit.Mode.THROTTLE)));
    store.keys().insert(limited);
    assertThat(store.keys().findByHash("hash2")).contains(limited);
  }
}
