package dev.agentdispatch.store.sql;

import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.store.ConflictException;
import dev.agentdispatch.store.invocation.NewEvent;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * What sessions do when invocations change (DESIGN §8), wired into the invocation store by {@link
 * SqlStore}: a session's runs start only from its inputs, a run's transitions and worker events go
 * into the session's log, the inputs a run reports taking are marked consumed, and the end of the
 * active run starts the next. Invocations that are not session runs pass through at the cost of one
 * check.
 */
final class SessionInvocationHooks implements InvocationHooks {
  /**
   * Refuses an invocation whose session_id names a session, so that a session never has two active
   * runs.
   */
  @Override
  public void beforeCreate(Tx tx, InvocationSpec spec) throws SQLException {
    if (spec.sessionId().isPresent()
        && SessionRows.exists(tx.connection(), spec.namespace(), spec.sessionId().get())) {
      throw new ConflictException(
          ConflictException.Kind.SESSION_ID_TAKEN,
          "session_id '"
              + spec.sessionId().get()
              + "' names a session: send input with POST /v1/namespaces/"
              + spec.namespace()
              + "/sessions/"
              + spec.sessionId().get()
              + "/inputs");
    }
  }

  /**
   * Marks the inputs a completion reports consumed before the run's session reacts to the
   * transition: the end of a run sends its steered inputs that were not consumed back to the queue.
   */
  @Override
  public void afterTransitions(Tx tx, List<AppliedTransition> applied, Instant now)
      throws SQLException {
    for (AppliedTransition a : applied) {
      if (a.transition().after().spec().sessionId().isEmpty()) {
        continue; // the fast path: not a session run
      }
      List<String> consumed = a.completion().map(c -> c.consumedInputs()).orElse(List.of());
      if (!consumed.isEmpty()) {
        SessionRuns.markConsumed(tx, a.transition().before(), consumed, now);
      }
      SessionRuns.afterTransition(tx, a.transition(), a.statusJson(), now);
    }
  }

  @Override
  public void afterAppend(Tx tx, Invocation held, List<NewEvent> events, Instant now)
      throws SQLException {
    SessionLog.mirror(tx, held, events, now);
  }
}
