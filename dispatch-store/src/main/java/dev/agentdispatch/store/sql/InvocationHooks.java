package dev.agentdispatch.store.sql;

import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.core.invocation.Transition;
import dev.agentdispatch.store.invocation.Completion;
import dev.agentdispatch.store.invocation.NewEvent;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What another layer does when invocations change, so that the invocation store never has to know
 * that layer (sessions are built this way; {@link SqlStore} wires them in). Each method runs inside
 * the write transaction of the change; an exception it throws rolls the whole change back and
 * reaches the caller. Every method does nothing by default.
 */
public interface InvocationHooks {
  /**
   * Called before an invocation asked for by a caller (not one a hook starts itself) is stored;
   * refuses it by throwing, e.g. a {@link dev.agentdispatch.store.ConflictException}.
   */
  default void beforeCreate(Tx tx, InvocationSpec spec) throws SQLException {}

  /**
   * Called once the transitions are persisted (new state, attempts, status log entry), in their
   * order.
   */
  default void afterTransitions(Tx tx, List<AppliedTransition> applied, Instant now)
      throws SQLException {}

  /**
   * Called after worker events were appended to the log of {@code held}, the invocation running
   * under the lease.
   */
  default void afterAppend(Tx tx, Invocation held, List<NewEvent> events, Instant now)
      throws SQLException {}

  /**
   * A persisted transition.
   *
   * @param statusJson the "status" log entry written for it
   * @param completion the worker's report that caused it; empty for every other cause (claim,
   *     cancel, sweep...)
   */
  record AppliedTransition(
      Transition transition, String statusJson, Optional<Completion> completion) {
    public AppliedTransition {
      Objects.requireNonNull(transition, "transition is null");
      Objects.requireNonNull(statusJson, "statusJson is null");
      Objects.requireNonNull(completion, "completion is null");
    }
  }
}
