package dev.agentdispatch.store.sql;

import static dev.agentdispatch.store.sql.InvocationReads.many;
import static dev.agentdispatch.store.sql.InvocationReads.one;
import static dev.agentdispatch.store.sql.Sql.bindAll;

import dev.agentdispatch.core.id.Ids;
import dev.agentdispatch.core.invocation.ErrorInfo;
import dev.agentdispatch.core.invocation.IllegalTransitionException;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.core.invocation.InvocationState;
import dev.agentdispatch.core.invocation.InvocationStateMachine;
import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.core.invocation.Lease;
import dev.agentdispatch.core.invocation.Transition;
import dev.agentdispatch.store.Page;
import dev.agentdispatch.store.StoreEvent;
import dev.agentdispatch.store.invocation.AttemptRecord;
import dev.agentdispatch.store.invocation.BatchIdempotencyConflictException;
import dev.agentdispatch.store.invocation.ClaimRequest;
import dev.agentdispatch.store.invocation.Completion;
import dev.agentdispatch.store.invocation.CompletionResult;
import dev.agentdispatch.store.invocation.CreateOutcome;
import dev.agentdispatch.store.invocation.HeartbeatResult;
import dev.agentdispatch.store.invocation.InvocationEvent;
import dev.agentdispatch.store.invocation.InvocationQuery;
import dev.agentdispatch.store.invocation.InvocationStore;
import dev.agentdispatch.store.invocation.NewEvent;
import dev.agentdispatch.store.invocation.NewInvocation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The invocation store over SQL, shared by every dialect; state changes come from the core state
 * machine. What other layers do when invocations change happens in its {@link InvocationHooks}, in
 * the same transaction.
 */
public final class SqlInvocationStore implements InvocationStore, AutoCloseable {
  /**
   * The invocation of a burst still waiting unstarted. At most one waits (each supersedes the last,
   * under the burst's lock); no ORDER BY, which would steer SQLite's planner off the debounce
   * index.
   */
  static final String DEBOUNCE_WAITING =
      "SELECT id, debounce_since FROM invocations WHERE namespace=? AND agent=? AND function=?"
          + " AND debounce_key=? AND status='pending' AND attempt=0 LIMIT 1";

  private final Transactor db;
  private final Dialect dialect;
  private final InvocationStateMachine machine;
  private final InvocationHooks hooks;
  private static final Logger LOG = LoggerFactory.getLogger(SqlInvocationStore.class);
  private final InvocationLog log;

  /** Creates in one transaction at most (PostgreSQL's group commit of single creates). */
  static final int MAX_CREATE_BATCH = 200;

  /** Single creates waiting for a transaction past this are refused as overload. */
  static final int MAX_CREATES_QUEUED = 4_000;

  private record NewCreate(InvocationSpec spec, Instant availableAt, Instant now) {}

  /** Present where single creates are grouped (PostgreSQL); SQLite's writer groups every write. */
  private final Optional<GroupWrites<NewCreate, CreateOutcome>> creates;

  public SqlInvocationStore(
      Transactor db, Dialect dialect, InvocationStateMachine machine, InvocationHooks hooks) {
    this.db = db;
    this.dialect = dialect;
    this.machine = machine;
    this.hooks = hooks;
    this.log = new InvocationLog(hooks);
    this.creates =
        dialect == Dialect.POSTGRES
            ? Optional.of(
                new GroupWrites<>(
                    "invocation create",
                    2,
                    MAX_CREATE_BATCH,
                    MAX_CREATES_QUEUED,
                    this::createGroup))
            : Optional.empty();
  }

  @Override
  public CreateOutcome create(InvocationSpec spec, Instant availableAt, Instant now) {
    if (creates.isPresent()) {
      return creates.get().write(new NewCreate(spec, availableAt, now));
    }
    return db.write(tx -> createIn(tx, spec, availableAt, now));
  }

  /**
   * Single creates of concurrent callers in one transaction: those with an idempotency key are
   * decided one by one as {@link #create} decides them (a key repeated within the group finds its
   * first), those without go in as one batched insert.
   */
  private List<CreateOutcome> createGroup(List<NewCreate> group) {
    return db.write(tx -> {
      List<CreateOutcome> outcomes = new ArrayList<>(group.size());
      List<Invocation> plain = new ArrayList<>();
      Instant latest = group.getFirst().now();
      for (NewCreate c : group) {
        latest = c.now().isAfter(latest) ? c.now() : latest;
        if (c.spec().idempotencyKey().isPresent()) {
          outcomes.add(createIn(tx, c.spec(), c.availableAt(), c.now()));
          continue;
        }
        hooks.beforeCreate(tx, c.spec());
        Invocation inv =
            new Invocation(
                c.spec(),
                InvocationState.initial(
                    c.now(), c.availableAt(), c.now().plus(c.spec().timeout())));
        plain.add(inv);
        outcomes.add(new CreateOutcome.Created(inv));
      }
      InvocationLog.createdAll(tx, plain, latest);
      return outcomes;
    });
  }

  /** Writes the creates still queued, then stops their writers. */
  @Override
  public void close() {
    creates.ifPresent(GroupWrites::close);
  }

  @Override
  public List<CreateOutcome> createAll(List<NewInvocation> items, Instant now) {
    return db.write(tx -> {
      List<CreateOutcome> outcomes = new ArrayList<>();
      List<Invocation> plain = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        NewInvocation item = items.get(i);
        if (item.spec().idempotencyKey().isPresent()) {
          CreateOutcome outcome = createIn(tx, item.spec(), item.availableAt(), now);
          if (outcome instanceof CreateOutcome.IdempotencyConflict c) {
            throw new BatchIdempotencyConflictException(i, c.invocation());
          }
          outcomes.add(outcome);
        } else {
          // Without a key there is nothing to look up first: these go in as one batched insert.
          hooks.beforeCreate(tx, item.spec());
          Invocation inv =
              new Invocation(
                  item.spec(),
                  InvocationState.initial(
                      now, item.availableAt(), now.plus(item.spec().timeout())));
          plain.add(inv);
          outcomes.add(new CreateOutcome.Created(inv));
        }
      }
      InvocationLog.createdAll(tx, plain, now);
      return outcomes;
    });
  }

  @Override
  public CreateOutcome createDebounced(
      InvocationSpec spec,
      String debounceKey,
      Duration period,
      Optional<Duration> maxWait,
      Instant now) {
    return db.write(tx -> {
      Optional<CreateOutcome> repeat = earlierIdempotent(tx, spec);
      if (repeat.isPresent()) {
        return repeat.get();
      }
      Connection c = tx.connection();
      tx.dialect()
          .lock(
              c,
              KeyGate.lockId(
                  String.join(
                      "\u0000",
                      "debounce",
                      spec.namespace(),
                      spec.agent(),
                      spec.function(),
                      debounceKey)));
      Optional<String> waiting = Optional.empty();
      Instant since = now;
      try (PreparedStatement ps = c.prepareStatement(DEBOUNCE_WAITING)) {
        bindAll(ps, spec.namespace(), spec.agent(), spec.function(), debounceKey);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            waiting = Optional.of(rs.getString(1));
            since = Instant.ofEpochMilli(rs.getLong(2));
          }
        }
      }
      Instant at = now.plus(period);
      if (maxWait.isPresent() && since.plus(maxWait.get()).isBefore(at)) {
        at = since.plus(maxWait.get());
      }
      CreateOutcome created = createIn(tx, spec, at, now);
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE invocations SET debounce_key=?, debounce_since=? WHERE id=?")) {
        bindAll(ps, debounceKey, since, spec.id());
        ps.executeUpdate();
      }
      if (waiting.isPresent()) {
        Invocation earlier =
            one(c, "WHERE id=? " + dialect.lockForUpdate(), waiting.get()).orElseThrow();
        log.apply(tx, machine.cancel(earlier, now), now);
        InvocationLog.append(
            c,
            earlier.id(),
            List.of(new NewEvent("debounced", "{\"superseded_by\":\"" + spec.id() + "\"}")),
            now);
      }
      return created;
    });
  }

  /** The answer to a repeat of an idempotent request, if this is one. */
  private static Optional<CreateOutcome> earlierIdempotent(Tx tx, InvocationSpec spec)
      throws SQLException {
    if (spec.idempotencyKey().isEmpty()) {
      return Optional.empty();
    }
    Optional<Invocation> earlier =
        byIdempotencyKey(tx.connection(), spec.namespace(), spec.idempotencyKey().get());
    return earlier.map(e ->
        e.spec().requestHash().equals(spec.requestHash())
            ? new CreateOutcome.Deduplicated(e)
            : new CreateOutcome.IdempotencyConflict(e));
  }

  /**
   * Creates an invocation inside a caller's transaction (an event's fan-out, a schedule's fire),
   * deciding idempotency atomically with the insert.
   */
  CreateOutcome createIn(Tx tx, InvocationSpec spec, Instant availableAt, Instant now)
      throws SQLException {
    Optional<CreateOutcome> repeat = earlierIdempotent(tx, spec);
    if (repeat.isPresent()) {
      return repeat.get();
    }
    hooks.beforeCreate(tx, spec);
    Invocation inv =
        new Invocation(spec, InvocationState.initial(now, availableAt, now.plus(spec.timeout())));
    InvocationLog.created(tx, inv, now);
    return new CreateOutcome.Created(inv);
  }

  @Override
  public Optional<Invocation> find(String namespace, String id) {
    return db.read(c -> one(c, "WHERE id=? AND namespace=?", id, namespace));
  }

  @Override
  public Map<String, String> leaseHolders(String namespace, List<String> leaseIds) {
    if (leaseIds.isEmpty()) {
      return Map.of();
    }
    return db.read(c -> {
      Sql.InList in = Sql.InList.of(leaseIds);
      Map<String, String> out = new HashMap<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT lease_id, lease_worker FROM invocations WHERE namespace=? AND lease_id IN ("
                  + in.placeholders()
                  + ")")) {
        List<Object> args = new ArrayList<>();
        args.add(namespace);
        args.addAll(in.values());
        Sql.bindAll(ps, args.toArray());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), rs.getString(2));
          }
        }
      }
      return out;
    });
  }

  @Override
  public Optional<Invocation> findByIdempotencyKey(String namespace, String idempotencyKey) {
    return db.read(c -> byIdempotencyKey(c, namespace, idempotencyKey));
  }

  private static Optional<Invocation> byIdempotencyKey(Connection c, String namespace, String key)
      throws SQLException {
    return one(c, "WHERE namespace=? AND idempotency_key=?", namespace, key);
  }

  @Override
  public List<Invocation> byTrace(String namespace, String traceId, int limit) {
    return db.read(c ->
        many(c, "WHERE trace_id=? AND namespace=? ORDER BY id LIMIT ?", traceId, namespace, limit));
  }

  @Override
  public Page<Invocation> list(InvocationQuery q) {
    List<Object> args = new ArrayList<>();
    StringBuilder where = filters(q, args);
    if (q.cursor().isPresent()) {
      where.append(" AND id<?");
      args.add(q.cursor().get());
    }
    where.append(" ORDER BY id DESC LIMIT ?");
    args.add(q.limit() + 1);
    List<Invocation> rows = db.read(c -> many(c, where.toString(), args.toArray()));
    if (rows.size() <= q.limit()) {
      return new Page<>(rows, Optional.empty());
    }
    List<Invocation> page = rows.subList(0, q.limit());
    return new Page<>(page, Optional.of(page.get(page.size() - 1).id()));
  }

  @Override
  public long count(InvocationQuery q) {
    List<Object> args = new ArrayList<>();
    String sql = "SELECT count(*) FROM invocations " + filters(q, args);
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        bindAll(ps, args.toArray());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  /**
   * The WHERE clause of a listing's filters (not its page), its arguments added to {@code args}.
   */
  private static StringBuilder filters(InvocationQuery q, List<Object> args) {
    StringBuilder where = new StringBuilder("WHERE namespace=?");
    args.add(q.namespace());
    filter(where, args, "status", q.status().map(InvocationStatus::wire));
    filter(where, args, "agent", q.agent());
    filter(where, args, "function", q.function());
    filter(where, args, "trace_id", q.traceId());
    filter(where, args, "parent_id", q.parentId());
    filter(where, args, "session_id", q.sessionId());
    if (q.deadLetterOnly()) {
      where.append(" AND dead_lettered=1");
    }
    return where;
  }

  private static void filter(
      StringBuilder where, List<Object> args, String column, Optional<String> value) {
    value.ifPresent(v -> {
      where.append(" AND ").append(column).append("=?");
      args.add(v);
    });
  }

  @Override
  public List<Invocation> claim(ClaimRequest r, Instant now) {
    return db.write(tx -> {
      List<Transition> leases = new ArrayList<>();
      for (Invocation inv : ClaimPicker.pick(tx, r, now)) {
        leases.add(machine.lease(inv, Ids.uuid7(), r.workerId(), r.leaseFor(), now));
      }
      log.applyAll(tx, leases, now);
      return leases.stream().map(Transition::after).toList();
    });
  }

  @Override
  public HeartbeatResult heartbeat(
      String namespace, String workerId, List<String> leaseIds, Duration leaseFor, Instant now) {
    return db.write(tx -> {
      List<String> extended = new ArrayList<>();
      List<String> cancelled = new ArrayList<>();
      List<String> lost = new ArrayList<>();
      for (String leaseId : leaseIds) {
        Optional<Invocation> held =
            InvocationReads.heldLease(
                tx.connection(), dialect, namespace, leaseId, Optional.of(workerId));
        if (held.isEmpty() || attemptDeadlinePassed(held.get(), now)) {
          lost.add(leaseId);
          continue;
        }
        InvocationRows.updateState(tx.connection(), machine.extendLease(held.get(), leaseFor, now));
        extended.add(leaseId);
        if (held.get().state().cancelRequested()) {
          cancelled.add(leaseId);
        }
      }
      return new HeartbeatResult(extended, cancelled, lost);
    });
  }

  private static boolean attemptDeadlinePassed(Invocation inv, Instant now) {
    return inv.state()
        .lease()
        .flatMap(Lease::attemptDeadline)
        .map(d -> !d.isAfter(now))
        .orElse(false);
  }

  @Override
  public List<CompletionResult> complete(
      String namespace, List<Completion> completions, Instant now) {
    return db.write(tx -> {
      Map<String, Invocation> byLease = runningByLease(tx.connection(), namespace, completions);
      Map<String, Invocation> current = new HashMap<>();
      Map<String, Completion> causes = new HashMap<>();
      List<Transition> transitions = new ArrayList<>();
      List<CompletionResult> results = new ArrayList<>();
      for (Completion completion : completions) {
        // Judge each result against the invocation as the earlier results of this batch left it.
        Invocation held = byLease.get(completion.leaseId());
        Invocation inv = held == null ? null : current.getOrDefault(held.id(), held);
        if (inv == null
            || inv.status() != InvocationStatus.RUNNING
            || !inv.state()
                .lease()
                .map(l -> l.leaseId().equals(completion.leaseId()))
                .orElse(false)) {
          results.add(
              CompletionResult.rejected(completion.leaseId(), CompletionResult.STALE_LEASE));
          continue;
        }
        try {
          Transition t = transition(inv, completion, now);
          transitions.add(t);
          causes.put(inv.id(), completion);
          current.put(inv.id(), t.after());
          results.add(CompletionResult.accepted(completion.leaseId()));
        } catch (IllegalTransitionException e) {
          results.add(CompletionResult.rejected(completion.leaseId(), e.getMessage()));
        }
      }
      log.applyAll(tx, transitions, causes, now);
      return results;
    });
  }

  /** The running invocations held under the batch's lease ids, locked, by lease id. */
  private Map<String, Invocation> runningByLease(
      Connection c, String namespace, List<Completion> completions) throws SQLException {
    Sql.InList leases = Sql.InList.of(completions.stream().map(Completion::leaseId).toList());
    Map<String, Invocation> out = new HashMap<>();
    // Only the unique lease index in the WHERE: with more conditions SQLite's planner may pick a
    // wider index.
    for (Invocation inv :
        many(
            c,
            "WHERE lease_id IN (" + leases.placeholders() + ") " + dialect.lockForUpdate(),
            leases.values().toArray())) {
      if (inv.spec().namespace().equals(namespace) && inv.status() == InvocationStatus.RUNNING) {
        out.put(inv.state().lease().orElseThrow().leaseId(), inv);
      }
    }
    return out;
  }

  private Transition transition(Invocation inv, Completion completion, Instant now) {
    return switch (completion) {
      case Completion.Completed c -> machine.complete(inv, c.resultJson(), now);
      case Completion.Failed f -> machine.fail(inv, f.error(), f.retryable(), now);
      case Completion.CancelAcknowledged a -> machine.acknowledgeCancel(inv, now);
      case Completion.WaitingForInput w -> machine.park(inv, w.promptJson(), now);
      case Completion.Undelivered u -> machine.giveBack(inv, now);
    };
  }

  @Override
  public Optional<Invocation> cancel(String namespace, String id, boolean cascade, Instant now) {
    return db.write(tx -> {
      Optional<Invocation> inv =
          one(
              tx.connection(),
              "WHERE id=? AND namespace=? " + dialect.lockForUpdate(),
              id,
              namespace);
      if (inv.isEmpty()) {
        return Optional.empty();
      }
      Transition t = machine.cancel(inv.get(), now);
      log.apply(tx, t, now);
      if (cascade) {
        cancelDescendants(tx, namespace, id, now, new HashSet<>(Set.of(id)));
      }
      return Optional.of(t.after());
    });
  }

  private void cancelDescendants(
      Tx tx, String namespace, String parentId, Instant now, Set<String> seen) throws SQLException {
    List<Invocation> children =
        many(
            tx.connection(),
            "WHERE parent_id=? AND namespace=? AND status IN ('pending','running','waiting_for_input')",
            parentId,
            namespace);
    for (Invocation child : children) {
      if (seen.add(child.id())) {
        log.apply(tx, machine.cancel(child, now), now);
        cancelDescendants(tx, namespace, child.id(), now, seen);
      }
    }
  }

  @Override
  public Optional<Invocation> retry(String namespace, String id, Instant now) {
    return db.write(tx -> {
      Optional<Invocation> inv =
          one(
              tx.connection(),
              "WHERE id=? AND namespace=? " + dialect.lockForUpdate(),
              id,
              namespace);
      if (inv.isEmpty()) {
        return Optional.empty();
      }
      Transition t = machine.retry(inv.get(), now);
      log.apply(tx, t, now);
      return Optional.of(t.after());
    });
  }

  @Override
  public boolean appendEvents(
      String namespace, String leaseId, List<NewEvent> events, Instant now) {
    return db.write(tx -> {
      Optional<Invocation> held =
          InvocationReads.heldLease(tx.connection(), dialect, namespace, leaseId, Optional.empty());
      if (held.isEmpty()) {
        return false;
      }
      InvocationLog.append(tx.connection(), held.get().id(), events, now);
      tx.publish(
          new StoreEvent.LogAppended(namespace, StoreEvent.LogKind.INVOCATION, held.get().id()));
      hooks.afterAppend(tx, held.get(), events, now);
      return true;
    });
  }

  @Override
  public List<InvocationEvent> events(String namespace, String id, long afterSeq, int limit) {
    return db.read(c -> {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT e.seq, e.at, e.type, e.data FROM invocation_events e JOIN invocations i ON i.id = e.invocation_id"
                  + " WHERE e.invocation_id=? AND i.namespace=? AND e.seq>? ORDER BY e.seq LIMIT ?")) {
        bindAll(ps, id, namespace, afterSeq, limit);
        List<InvocationEvent> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(
                new InvocationEvent(
                    rs.getLong(1),
                    Instant.ofEpochMilli(rs.getLong(2)),
                    rs.getString(3),
                    rs.getString(4)));
          }
        }
        return out;
      }
    });
  }

  @Override
  public List<AttemptRecord> attempts(String namespace, String id) {
    return db.read(c -> {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT a.* FROM attempts a JOIN invocations i ON i.id = a.invocation_id"
                  + " WHERE a.invocation_id=? AND i.namespace=? ORDER BY a.attempt")) {
        bindAll(ps, id, namespace);
        List<AttemptRecord> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String errorType = rs.getString("error_type");
            Optional<ErrorInfo> error =
                errorType == null
                    ? Optional.empty()
                    : Optional.of(
                        ErrorInfo.of(errorType, String.valueOf(rs.getString("error_message"))));
            out.add(
                new AttemptRecord(
                    rs.getInt("attempt"),
                    rs.getString("lease_id"),
                    rs.getString("worker_id"),
                    Sql.instant(rs, "started_at"),
                    Sql.optionalInstant(rs, "finished_at"),
                    Sql.string(rs, "outcome"),
                    error));
          }
        }
        return out;
      }
    });
  }

  @Override
  public int sweepExpiredLeases(Instant now, int limit) {
    return db.write(tx -> {
      List<Invocation> due =
          many(
              tx.connection(),
              "WHERE status='running' AND lease_expires_at<? LIMIT ? " + dialect.lockForClaim(),
              now,
              limit);
      List<Invocation> overdue =
          many(
              tx.connection(),
              "WHERE status='running' AND attempt_deadline_at<? LIMIT ? " + dialect.lockForClaim(),
              now,
              limit);
      Set<String> done = new HashSet<>();
      List<Transition> transitions = new ArrayList<>();
      for (Invocation inv : overdue) {
        done.add(inv.id());
        guarded(inv, now, () -> machine.timeOutAttempt(inv, now)).ifPresent(transitions::add);
      }
      for (Invocation inv : due) {
        if (done.add(inv.id())) {
          guarded(inv, now, () -> machine.expireLease(inv, now)).ifPresent(transitions::add);
        }
      }
      log.applyAll(tx, transitions, now);
      return done.size();
    });
  }

  @Override
  public int sweepDeadlines(Instant now, int limit) {
    return db.write(tx -> {
      List<Invocation> due =
          many(
              tx.connection(),
              "WHERE status IN ('pending','running','waiting_for_input') AND deadline_at<? LIMIT ? "
                  + dialect.lockForClaim(),
              now,
              limit);
      List<Transition> transitions = new ArrayList<>();
      for (Invocation inv : due) {
        guarded(inv, now, () -> machine.timeOut(inv, now)).ifPresent(transitions::add);
      }
      log.applyAll(tx, transitions, now);
      return due.size();
    });
  }

  /**
   * A sweep's transition of one row, isolated: if it throws (a row no rule foresaw), the row ends
   * in {@code error} with type {@code internal_error} instead of failing the sweep, so one bad row
   * cannot stop lease recovery for every other invocation. Reported either way; a row that cannot
   * even end is skipped.
   */
  private Optional<Transition> guarded(Invocation inv, Instant now, Supplier<Transition> step) {
    try {
      return Optional.of(step.get());
    } catch (RuntimeException e) {
      LOG.error("sweeping invocation {} failed; ending it as internal_error", inv.id(), e);
      try {
        ErrorInfo error =
            ErrorInfo.of(
                ErrorInfo.INTERNAL_ERROR, "the server could not process this invocation: " + e);
        return Optional.of(machine.fail(inv, error, false, now));
      } catch (RuntimeException again) {
        LOG.error("invocation {} cannot be ended either; skipped", inv.id(), again);
        return Optional.empty();
      }
    }
  }

  @Override
  public int pruneFinishedBefore(Instant cutoff, int limit) {
    return db.write(tx -> {
      List<String> ids = new ArrayList<>();
      try (PreparedStatement ps =
          tx.connection()
              .prepareStatement(
                  "SELECT id FROM invocations WHERE finished_at<? AND status IN ('completed','error','cancelled','timed_out') LIMIT ?")) {
        bindAll(ps, cutoff, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getString(1));
          }
        }
      }
      for (String table : List.of("invocation_events", "attempts")) {
        deleteByIds(tx.connection(), "DELETE FROM " + table + " WHERE invocation_id=?", ids);
      }
      deleteByIds(tx.connection(), "DELETE FROM invocations WHERE id=?", ids);
      return ids.size();
    });
  }

  private static void deleteByIds(Connection c, String sql, List<String> ids) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (String id : ids) {
        ps.setString(1, id);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Override
  public long count(String namespace, InvocationStatus status) {
    return db.read(c -> {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT count(*) FROM invocations WHERE namespace=? AND status=?")) {
        bindAll(ps, namespace, status.wire());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }
}
