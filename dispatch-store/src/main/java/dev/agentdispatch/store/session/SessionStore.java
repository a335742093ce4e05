package dev.agentdispatch.store.session;

import dev.agentdispatch.store.Page;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sessions and their runs (DESIGN §8). A run is an ordinary invocation with {@code session_id};
 * this store decides inputs with {@link dev.agentdispatch.core.session.SessionInputPolicy} and
 * keeps the one-active-run slot, the input queue, the state revisions and the session log, each
 * change in one write transaction.
 */
public interface SessionStore {
  CreateSessionResult create(NewSession session, Instant now);

  Optional<SessionRecord> find(String namespace, String id);

  /** Newest first; the cursor is opaque. */
  Page<SessionRecord> list(
      String namespace, Optional<String> agent, int limit, Optional<String> cursor);

  /**
   * Deletes the session with its inputs, state and log, and cancels its active run (a running one
   * is asked to stop). False when there is no such session.
   */
  boolean delete(String namespace, String id, Instant now);

  /** Stores an input and applies its strategy, in one transaction. */
  InputResult submit(NewInput input, Instant now);

  /** Inputs by seq after {@code afterSeq}, optionally only those of one run. */
  List<SessionInput> inputs(
      String namespace, String sessionId, Optional<String> runId, long afterSeq, int limit);

  /** The steered inputs not yet taken by the runs held under these leases, by lease id. */
  Map<String, List<SessionInput>> steeredInputs(String namespace, List<String> leaseIds);

  Optional<StateRevision> state(String namespace, String sessionId);

  /**
   * Writes a new revision of the state document.
   *
   * @param expectedRevision when present, the write applies only if it is the current revision
   * @param leaseId when present, the write is fenced by that lease of the session's active run
   */
  StateWrite putState(
      String namespace,
      String sessionId,
      String stateJson,
      Optional<Long> expectedRevision,
      Optional<String> leaseId,
      Instant now);

  /** Revisions newest first, below {@code beforeRevision} when given. */
  List<StateRevision> history(
      String namespace, String sessionId, Optional<Long> beforeRevision, int limit);

  List<SessionEvent> events(String namespace, String sessionId, long afterSeq, int limit);
}
