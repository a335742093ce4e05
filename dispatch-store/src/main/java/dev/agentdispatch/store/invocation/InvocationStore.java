package dev.agentdispatch.store.invocation;

import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.store.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Invocations, their attempts and event logs. State changes are computed by the core state machine
 * and persisted here atomically; a change that does not apply throws {@link
 * dev.agentdispatch.core.invocation.IllegalTransitionException} and changes nothing.
 */
public interface InvocationStore {
  /**
   * Stores a new invocation, or returns the earlier one with the same idempotency key.
   *
   * @throws dev.agentdispatch.store.ConflictException of kind {@code SESSION_ID_TAKEN} when the
   *     spec's session_id names a session (a session's runs start only from its inputs)
   */
  CreateOutcome create(InvocationSpec spec, Instant availableAt, Instant now);

  /**
   * Stores a batch in one transaction: all of it, or nothing (an idempotency conflict anywhere
   * throws {@link BatchIdempotencyConflictException}; an item whose session_id names a session
   * throws as {@link #create} does). Outcomes are in the order of {@code items}.
   */
  List<CreateOutcome> createAll(List<NewInvocation> items, Instant now);

  /**
   * Creates an invocation of a debounced function: it waits {@code period} (at most until {@code
   * maxWait} after its burst's first invocation) and supersedes — cancels, with a {@code debounced}
   * entry in its log — the invocation of the same function and {@code debounceKey} that still waits
   * unstarted. Idempotency is decided first, as by {@link #create}.
   */
  CreateOutcome createDebounced(
      InvocationSpec spec,
      String debounceKey,
      Duration period,
      Optional<Duration> maxWait,
      Instant now);

  Optional<Invocation> find(String namespace, String id);

  /**
   * The worker holding each of {@code leaseIds} that is held now, by lease id (a lease that ended
   * is absent). A lease's worker never changes, so this may be read before acting on the lease.
   */
  Map<String, String> leaseHolders(String namespace, List<String> leaseIds);

  /** The invocation created with {@code idempotencyKey}, if any. */
  Optional<Invocation> findByIdempotencyKey(String namespace, String idempotencyKey);

  Page<Invocation> list(InvocationQuery query);

  /** The invocations of one trace, oldest first, at most {@code limit}. */
  List<Invocation> byTrace(String namespace, String traceId, int limit);

  /**
   * Leases up to {@code max} available invocations, highest priority first, FIFO within a priority.
   */
  List<Invocation> claim(ClaimRequest request, Instant now);

  HeartbeatResult heartbeat(
      String namespace,
      String workerId,
      List<String> leaseIds,
      java.time.Duration leaseFor,
      Instant now);

  /**
   * Applies a batch of completions; each is accepted or rejected on its own. A session run's
   * accepted completion also marks the steered inputs it reports ({@link
   * Completion#consumedInputs()}) consumed, in the same transaction and before the run's session
   * reacts to its end.
   */
  List<CompletionResult> complete(String namespace, List<Completion> completions, Instant now);

  /**
   * Cancels (or requests cancellation of) an invocation, and with {@code cascade} its unfinished
   * descendants. Empty when there is no such invocation.
   */
  Optional<Invocation> cancel(String namespace, String id, boolean cascade, Instant now);

  /**
   * Re-runs a terminal invocation as a new attempt chain. Empty when there is no such invocation.
   *
   * @throws dev.agentdispatch.store.ConflictException of kind {@code SESSION_BUSY} when the
   *     invocation is an old run of a session that has another active run
   */
  Optional<Invocation> retry(String namespace, String id, Instant now);

  /**
   * Appends worker events to the log of the invocation held under {@code leaseId}; false if stale.
   */
  boolean appendEvents(String namespace, String leaseId, List<NewEvent> events, Instant now);

  List<InvocationEvent> events(String namespace, String id, long afterSeq, int limit);

  List<AttemptRecord> attempts(String namespace, String id);

  /** Fails attempts whose lease or attempt deadline passed. Returns how many were handled. */
  int sweepExpiredLeases(Instant now, int limit);

  /** Times out invocations past their overall deadline. Returns how many. */
  int sweepDeadlines(Instant now, int limit);

  /** Deletes terminal invocations (with attempts and events) finished before {@code cutoff}. */
  int pruneFinishedBefore(Instant cutoff, int limit);

  /**
   * How many invocations match the filters of {@code query}, on every page ({@code limit} and
   * {@code cursor} are ignored): a listing's total.
   */
  long count(InvocationQuery query);

  /** Number of invocations with the given status, for metrics and tests. */
  long count(String namespace, dev.agentdispatch.core.invocation.InvocationStatus status);
}
