package dev.agentdispatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.core.invocation.Jitter;
import dev.agentdispatch.core.invocation.RetryPolicy;
import dev.agentdispatch.core.session.InputOutcome;
import dev.agentdispatch.core.session.InputStatus;
import dev.agentdispatch.core.session.InputStrategy;
import dev.agentdispatch.store.facade.Store;
import dev.agentdispatch.store.invocation.ClaimRequest;
import dev.agentdispatch.store.invocation.Completion;
import dev.agentdispatch.store.invocation.NewEvent;
import dev.agentdispatch.store.invocation.NewInvocation;
import dev.agentdispatch.store.memory.KvEntry;
import dev.agentdispatch.store.session.CreateSessionResult;
import dev.agentdispatch.store.session.InputResult;
import dev.agentdispatch.store.session.NewInput;
import dev.agentdispatch.store.session.NewSession;
import dev.agentdispatch.store.session.RunTemplate;
import dev.agentdispatch.store.session.SessionInput;
import dev.agentdispatch.store.session.SessionRecord;
import dev.agentdispatch.store.session.SessionStore;
import dev.agentdispatch.store.session.StateWrite;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The session and memory contract every {@link Store} passes (DESIGN §8, §9). */
public abstract class SessionStoreContractTest {
  protected static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private static final String NS = "default";
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final RunTemplate TEMPLATE =
      new RunTemplate(
          5,
          new RetryPolicy(2, 100, 2.0, 1000, Jitter.NONE, List.of()),
          Duration.ofSeconds(600),
          Optional.empty());

  protected Store store;
  protected SessionStore sessions;

  protected abstract Store openStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = openStore();
    sessions = store.sessions();
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  private SessionRecord session(String id) {
    var created =
        sessions.create(new NewSession(NS, id, "chat", "turn", "{}", "{\"n\":0}", TEMPLATE), NOW);
    return ((CreateSessionResult.Created) created).session();
  }

  private SessionInput send(String sid, String text, InputStrategy strategy) {
    return send(sid, text, strategy, Optional.empty());
  }

  private SessionInput send(String sid, String text, InputStrategy strategy, Optional<String> key) {
    InputResult r =
        sessions.submit(
            new NewInput(
                NS,
                sid,
                "{\"text\":\"" + text + "\"}",
                strategy,
                key,
                key.map(k -> "hash:" + text)),
            NOW);
    return ((InputResult.Accepted) r).input();
  }

  private Invocation claimOne() {
    List<Invocation> leased =
        store.invocations().claim(new ClaimRequest(NS, "chat", Set.of(), "w1", 10, LEASE), NOW);
    assertThat(leased).hasSize(1);
    return leased.get(0);
  }

  private static String lease(Invocation inv) {
    return inv.state().lease().orElseThrow().leaseId();
  }

  private void complete(Invocation run) {
    assertThat(
            store
                .invocations()
                .complete(NS, List.of(new Completion.Completed(lease(run), "{}")), NOW)
                .get(0)
                .accepted())
        .isTrue();
  }

  private Optional<String> activeRun(String sid) {
    return sessions.find(NS, sid).orElseThrow().activeRunId();
  }

  @Test
  void aRunJoinsTheTraceOfTheInputThatStartedItEvenWhenItStartsLater() {
    session("s1");
    send("s1", "a", InputStrategy.ENQUEUE);
    sessions.submit(
        new NewInput(
            NS,
            "s1",
            "{\"text\":\"b\"}",
            InputStrategy.ENQUEUE,
            Optional.empty(),
            Optional.empty(),
            Optional.of("4bf92f35-77b3-4da6-a3ce-929d0e0e4736"),
            Optional.of("00f067aa0ba902b7")),
        NOW);
    Invocation first = claimOne();
    assertThat(first.spec().parentSpanId()).isEmpty();
    assertThat(first.spec().traceId()).isNotEqualTo("4bf92f35-77b3-4da6-a3ce-929d0e0e4736");
    complete(first);
    Invocation second = claimOne();
    assertThat(second.spec().traceId()).isEqualTo("4bf92f35-77b3-4da6-a3ce-929d0e0e4736");
    assertThat(second.spec().parentSpanId()).contains("00f067aa0ba902b7");
  }

  @Test
  void aFirstInputStartsARunAndLaterOnesQueueInOrder() {
    session("s1");
    SessionInput first = send("s1", "a", InputStrategy.ENQUEUE);
    SessionInput second = send("s1", "b", InputStrategy.ENQUEUE);
    SessionInput third = send("s1", "c", InputStrategy.ENQUEUE);
    assertThat(first.outcome()).isEqualTo(InputOutcome.STARTED);
    assertThat(List.of(second.outcome(), third.outcome())).containsOnly(InputOutcome.QUEUED);
    assertThat(sessions.find(NS, "s1").orElseThrow().queuedInputs()).isEqualTo(2);
    List<String> ran = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Invocation run = claimOne();
      ran.add(run.spec().payloadJson());
      assertThat(run.spec().sessionId()).contains("s1");
      complete(run);
    }
    assertThat(ran).containsExactly("{\"text\":\"a\"}", "{\"text\":\"b\"}", "{\"text\":\"c\"}");
    assertThat(activeRun("s1")).isEmpty();
  }

  @Test
  void rejectIsRefusedWhileBusyAndADuplicateKeyGetsTheFirstOutcomeAgain() {
    session("s2");
    send("s2", "a", InputStrategy.REJECT);
    SessionInput rejected = send("s2", "b", InputStrategy.REJECT, Optional.of("k1"));
    assertThat(rejected.outcome()).isEqualTo(InputOutcome.REJECTED);
    InputResult again =
        sessions.submit(
            new NewInput(
                NS,
                "s2",
                "{\"text\":\"b\"}",
                InputStrategy.REJECT,
                Optional.of("k1"),
                Optional.of("hash:b")),
            NOW);
    assertThat(again).isEqualTo(new InputResult.Accepted(rejected, true));
    InputResult different =
        sessions.submit(
            new NewInput(
                NS,
                "s2",
                "{\"text\":\"x\"}",
                InputStrategy.REJECT,
                Optional.of("k1"),
                Optional.of("hash:x")),
            NOW);
    assertThat(different).isInstanceOf(InputResult.IdempotencyConflict.class);
    assertThat(
            sessions.submit(
                new NewInput(
                    NS, "nope", "{}", InputStrategy.ENQUEUE, Optional.empty(), Optional.empty()),
                NOW))
        .isInstanceOf(InputResult.NoSession.class);
  }

  @Test
  void interruptCancelsTheRunKeepsItsStateAndRunsBeforeQueuedInputs() {
    session("s3");
    send("s3", "a", InputStrategy.ENQUEUE);
    Invocation a = claimOne();
    assertThat(
            sessions.putState(NS, "s3", "{\"n\":1}", Optional.empty(), Optional.of(lease(a)), NOW))
        .isInstanceOf(StateWrite.Written.class);
    send("s3", "queued", InputStrategy.ENQUEUE);
    SessionInput interrupt = send("s3", "now", InputStrategy.INTERRUPT);
    assertThat(interrupt.outcome()).isEqualTo(InputOutcome.INTERRUPTED);
    assertThat(store.invocations().heartbeat(NS, "w1", List.of(lease(a)), LEASE, NOW).cancelled())
        .contains(lease(a));
    store.invocations().complete(NS, List.of(new Completion.CancelAcknowledged(lease(a))), NOW);
    assertThat(store.invocations().find(NS, a.id()).orElseThrow().status())
        .isEqualTo(InvocationStatus.CANCELLED);
    Invocation next = claimOne();
    assertThat(next.spec().payloadJson()).isEqualTo("{\"text\":\"now\"}");
    assertThat(sessions.state(NS, "s3").orElseThrow().stateJson()).isEqualTo("{\"n\":1}");
    complete(next);
    assertThat(claimOne().spec().payloadJson()).isEqualTo("{\"text\":\"queued\"}");
  }

  @Test
  void rollbackRestoresTheRevisionBeforeTheRunAndFencesItsLateWrites() {
    session("s4");
    send("s4", "a", InputStrategy.ENQUEUE);
    Invocation a = claimOne();
    sessions.putState(NS, "s4", "{\"n\":1}", Optional.empty(), Optional.of(lease(a)), NOW);
    sessions.putState(NS, "s4", "{\"n\":2}", Optional.empty(), Optional.of(lease(a)), NOW);
    SessionInput rollback = send("s4", "redo", InputStrategy.ROLLBACK);
    assertThat(rollback.outcome()).isEqualTo(InputOutcome.ROLLED_BACK);
    var state = sessions.state(NS, "s4").orElseThrow();
    assertThat(state.stateJson()).isEqualTo("{\"n\":0}");
    assertThat(state.restoredFrom()).contains(0L);
    assertThat(state.revision()).isEqualTo(3);
    assertThat(
            sessions.putState(NS, "s4", "{\"n\":9}", Optional.empty(), Optional.of(lease(a)), NOW))
        .isInstanceOf(StateWrite.StaleLease.class);
    assertThat(sessions.history(NS, "s4", Optional.empty(), 10))
        .extracting(r -> r.revision())
        .containsExactly(3L, 2L, 1L, 0L);
    store.invocations().complete(NS, List.of(new Completion.CancelAcknowledged(lease(a))), NOW);
    assertThat(claimOne().spec().payloadJson()).isEqualTo("{\"text\":\"redo\"}");
  }

  @Test
  void aSteeredInputIsDeliveredToTheRunAndConsumedOrFallsBackToRunNext() {
    session("s5");
    send("s5", "a", InputStrategy.ENQUEUE);
    Invocation a = claimOne();
    SessionInput taken = send("s5", "taken", InputStrategy.STEER);
    SessionInput untaken = send("s5", "untaken", InputStrategy.STEER);
    assertThat(taken.outcome()).isEqualTo(InputOutcome.STEERED);
    Map<String, List<SessionInput>> delivered =
        sessions.steeredInputs(NS, List.of(lease(a), "other"));
    assertThat(delivered.get(lease(a)))
        .extracting(SessionInput::id)
        .containsExactly(taken.id(), untaken.id());
    store
        .invocations()
        .complete(NS, List.of(new Completion.Completed(lease(a), "{}", List.of(taken.id()))), NOW);
    List<SessionInput> inputs = sessions.inputs(NS, "s5", Optional.empty(), 0, 10);
    assertThat(inputs)
        .extracting(SessionInput::status)
        .containsExactly(InputStatus.STARTED, InputStatus.CONSUMED, InputStatus.STARTED);
    assertThat(claimOne().spec().payloadJson()).isEqualTo("{\"text\":\"untaken\"}");
    assertThat(sessions.events(NS, "s5", 0, 100))
        .extracting(e -> e.type())
        .contains("input_consumed", "input_requeued");
  }

  @Test
  void aRunStoppedByAnInterruptConsumesWhatItReportsAndAFailedAttemptConsumesNothing() {
    session("s10");
    send("s10", "a", InputStrategy.ENQUEUE);
    Invocation a = claimOne();
    SessionInput taken = send("s10", "taken", InputStrategy.STEER);
    send("s10", "now", InputStrategy.INTERRUPT);
    store
        .invocations()
        .complete(
            NS, List.of(new Completion.CancelAcknowledged(lease(a), List.of(taken.id()))), NOW);
    assertThat(sessions.inputs(NS, "s10", Optional.empty(), 0, 10))
        .extracting(SessionInput::status)
        .containsExactly(InputStatus.STARTED, InputStatus.CONSUMED, InputStatus.STARTED);
    Invocation next = claimOne();
    assertThat(next.spec().payloadJson()).isEqualTo("{\"text\":\"now\"}");
    SessionInput steered = send("s10", "steered", InputStrategy.STEER);
    store
        .invocations()
        .complete(
            NS,
            List.of(
                new Completion.Failed(
                    lease(next),
                    dev.agentdispatch.core.invocation.ErrorInfo.of("IOException", "x"),
                    true)),
            NOW);
    assertThat(sessions.inputs(NS, "s10", Optional.of(next.id()), 0, 10))
        .extracting(SessionInput::id, SessionInput::status)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                steered.id(), InputStatus.STEERED)); // kept for the retry
  }

  @Test
  void aRunWaitsForInputWithoutALeaseAndTheNextInputResumesIt() {
    session("s6");
    send("s6", "a", InputStrategy.ENQUEUE);
    Invocation a = claimOne();
    store
        .invocations()
        .complete(NS, List.of(new Completion.WaitingForInput(lease(a), "{\"ask\":\"ok?\"}")), NOW);
    Invocation waiting = store.invocations().find(NS, a.id()).orElseThrow();
    assertThat(waiting.status()).isEqualTo(InvocationStatus.WAITING_FOR_INPUT);
    assertThat(waiting.state().lease()).isEmpty();
    SessionInput approval = send("s6", "approve", InputStrategy.REJECT);
    assertThat(approval.outcome()).isEqualTo(InputOutcome.RESUMED);
    assertThat(approval.runId()).contains(a.id());
    Invocation resumed = claimOne();
    assertThat(resumed.id()).isEqualTo(a.id());
    assertThat(sessions.inputs(NS, "s6", Optional.of(a.id()), 0, 10))
        .extracting(SessionInput::status)
        .containsExactly(InputStatus.STARTED, InputStatus.RESUMED);
  }

  @Test
  void twoRacingInputsNeverMakeTwoActiveRunsAndBothAreHandled() throws Exception {
    for (int round = 0; round < 10; round++) {
      String sid = "race" + round;
      session(sid);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Callable<SessionInput> task = () -> send(sid, "x", InputStrategy.ENQUEUE);
        List<Future<SessionInput>> results = pool.invokeAll(List.of(task, task));
        List<InputOutcome> outcomes = new ArrayList<>();
        for (Future<SessionInput> f : results) {
          outcomes.add(f.get().outcome());
        }
        assertThat(outcomes).containsExactlyInAnyOrder(InputOutcome.STARTED, InputOutcome.QUEUED);
      } finally {
        pool.shutdown();
      }
    }
    for (int i = 0; i < 20; i++) {
      List<Invocation> leased =
          store.invocations().claim(new ClaimRequest(NS, "chat", Set.of(), "w1", 100, LEASE), NOW);
      assertThat(leased)
          .hasSize(10)
          .extracting(inv -> inv.spec().sessionId().orElseThrow())
          .doesNotHaveDuplicates();
      leased.forEach(this::complete);
      if (i == 1) {
        break;
      }
    }
    assertThat(store.invocations().count(NS, InvocationStatus.COMPLETED)).isEqualTo(20);
  }

  @Test
  void aManualRetryCannotMakeASecondActiveRun() {
    session("s7");
    send("s7", "a", InputStrategy.ENQUEUE);
    Invocation a = claimOne();
    complete(a);
    send("s7", "b", InputStrategy.ENQUEUE);
    assertThatThrownBy(() -> store.invocations().retry(NS, a.id(), NOW))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> assertThat(e.kind()).isEqualTo(ConflictException.Kind.SESSION_BUSY));
    assertThat(store.invocations().find(NS, a.id()).orElseThrow().status())
        .isEqualTo(InvocationStatus.COMPLETED);
  }

  @Test
  void theSessionLogHasRunEventsInOrderAndDeleteRemovesEverything() {
    session("s8");
    send("s8", "a", InputStrategy.ENQUEUE);
    Invocation a = claimOne();
    store.invocations().appendEvents(NS, lease(a), List.of(new NewEvent("output", "\"tok\"")), NOW);
    complete(a);
    var log = sessions.events(NS, "s8", 0, 100);
    assertThat(log)
        .extracting(e -> e.type())
        .containsExactly(
            "session_created", "input", "run_started", "status", "output", "status", "run_ended");
    assertThat(log).extracting(e -> e.seq()).isSorted().doesNotHaveDuplicates();
    assertThat(sessions.events(NS, "s8", 4, 100)).hasSize(log.size() - 4);
    var intoTheSession =
        new dev.agentdispatch.core.invocation.InvocationSpec(
            dev.agentdispatch.core.id.Ids.uuid7(),
            NS,
            "chat",
            "turn",
            "{}",
            5,
            TEMPLATE.retry(),
            Duration.ofSeconds(60),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            "t",
            Optional.empty(),
            Optional.of("s8"),
            Optional.empty(),
            dev.agentdispatch.core.invocation.Message.FUNCTION,
            NOW);
    assertThatThrownBy(() -> store.invocations().create(intoTheSession, NOW, NOW))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> assertThat(e.kind()).isEqualTo(ConflictException.Kind.SESSION_ID_TAKEN));
    assertThatThrownBy(() ->
            store.invocations().createAll(List.of(new NewInvocation(intoTheSession, NOW)), NOW))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> assertThat(e.kind()).isEqualTo(ConflictException.Kind.SESSION_ID_TAKEN));
    send("s8", "b", InputStrategy.ENQUEUE);
    assertThat(sessions.delete(NS, "s8", NOW)).isTrue();
    assertThat(sessions.find(NS, "s8")).isEmpty();
    assertThat(sessions.events(NS, "s8", 0, 100)).isEmpty();
    assertThat(store.invocations().count(NS, InvocationStatus.CANCELLED)).isEqualTo(1);
    assertThat(sessions.delete(NS, "s8", NOW)).isFalse();
  }

  @Test
  void stateWritesCheckTheExpectedRevision() {
    session("s9");
    assertThat(sessions.putState(NS, "s9", "{\"n\":1}", Optional.of(0L), Optional.empty(), NOW))
        .isInstanceOf(StateWrite.Written.class);
    Instant updated = sessions.find(NS, "s9").orElseThrow().updatedAt();
    assertThat(
            sessions.putState(
                NS, "s9", "{\"n\":2}", Optional.of(0L), Optional.empty(), NOW.plusSeconds(60)))
        .isEqualTo(new StateWrite.RevisionConflict(1));
    // A refused write changes nothing, not even the session's updated_at (issue 19).
    assertThat(sessions.find(NS, "s9").orElseThrow().updatedAt()).isEqualTo(updated);
    assertThat(sessions.putState(NS, "missing", "{}", Optional.empty(), Optional.empty(), NOW))
        .isInstanceOf(StateWrite.NoSession.class);
    assertThat(sessions.create(new NewSession(NS, "s9", "chat", "turn", "{}", "{}", TEMPLATE), NOW))
        .isInstanceOf(CreateSessionResult.AlreadyExists.class);
    session("s10");
    var page = sessions.list(NS, Optional.of("chat"), 1, Optional.empty());
    assertThat(page.items()).hasSize(1);
    assertThat(sessions.list(NS, Optional.of("chat"), 1, page.nextCursor()).items()).hasSize(1);
  }

  @Test
  void memoryIsPerAgentAndNamespaceAndExpiresOnRead() {
    var kv = store.kv();
    kv.put(NS, "a1", "user/1", "\"x\"", Optional.empty(), NOW);
    kv.put(NS, "a1", "user/2", "{\"y\":1}", Optional.of(NOW.plusSeconds(10)), NOW);
    kv.put(NS, "a1", "other", "1", Optional.empty(), NOW);
    kv.put(NS, "a2", "user/1", "\"other agent\"", Optional.empty(), NOW);
    kv.put("ns2", "a1", "user/1", "\"other namespace\"", Optional.empty(), NOW);
    assertThat(kv.get(NS, "a1", "user/1", NOW))
        .get()
        .extracting(KvEntry::valueJson)
        .isEqualTo("\"x\"");
    assertThat(kv.list(NS, "a1", "user/", 10, Optional.empty(), NOW).items())
        .extracting(KvEntry::key)
        .containsExactly("user/1", "user/2");
    // A prefix outside the Basic Multilingual Plane (issue 19: it listed nothing).
    kv.put(NS, "a3", "\uD83D\uDE00/mood", "1", Optional.empty(), NOW);
    assertThat(kv.list(NS, "a3", "\uD83D\uDE00", 10, Optional.empty(), NOW).items())
        .extracting(KvEntry::key)
        .containsExactly("\uD83D\uDE00/mood");
    Instant later = NOW.plusSeconds(11);
    assertThat(kv.get(NS, "a1", "user/2", later)).isEmpty();
    assertThat(kv.list(NS, "a1", "user/", 10, Optional.empty(), later).items()).hasSize(1);
    assertThat(kv.pruneExpired(later, 100)).isEqualTo(1);
    KvEntry replaced = kv.put(NS, "a1", "user/1", "\"z\"", Optional.empty(), later);
    assertThat(replaced.createdAt()).isEqualTo(NOW);
    assertThat(replaced.updatedAt()).isEqualTo(later);
    assertThat(kv.delete(NS, "a1", "user/1", later)).isTrue();
    assertThat(kv.delete(NS, "a1", "user/1", later)).isFalse();
    assertThat(kv.get(NS, "a2", "user/1", later))
        .get()
        .extracting(KvEntry::valueJson)
        .isEqualTo("\"other agent\"");
    var page = kv.list("ns2", "a1", "", 1, Optional.empty(), later);
    assertThat(page.items()).hasSize(1);
    assertThat(page.nextCursor()).isEmpty();
  }
}
