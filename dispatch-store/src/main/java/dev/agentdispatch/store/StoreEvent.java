package dev.agentdispatch.store;

import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.Transition;
import java.time.Instant;
import java.util.Objects;

/** What a {@link StoreListener} hears about. */
public sealed interface StoreEvent {
  /**
   * An invocation of {@code agent.function} became (or will become, at {@code availableAt})
   * claimable.
   */
  record WorkAvailable(String namespace, String agent, String function, Instant availableAt)
      implements StoreEvent {}

  /** An invocation changed; {@code terminal} when it reached a terminal status. */
  record InvocationChanged(String namespace, String invocationId, boolean terminal)
      implements StoreEvent {}

  /**
   * Entries were appended to an event log that is not otherwise announced: worker events of an
   * invocation, or anything in a session's log. Wakes the live streams following that log.
   */
  record LogAppended(String namespace, LogKind kind, String id) implements StoreEvent {}

  /**
   * An execution class of an agent (a lane; empty: the default lane) became degraded, or recovered.
   * Heard only on the node that committed it: it is told once, not once per node.
   */
  record ClassHealthChanged(
      String namespace, String agent, String lane, boolean degraded, int failures)
      implements StoreEvent {}

  /**
   * An invocation was stored, with its "created" log entry. Heard only on the node that committed
   * it (metrics and spans are counted once, where the work happened); never sent to other nodes.
   */
  record InvocationCreated(Invocation invocation, Instant at) implements StoreEvent {
    public InvocationCreated {
      Objects.requireNonNull(invocation, "invocation is null");
      Objects.requireNonNull(at, "at is null");
    }
  }

  /**
   * An invocation changed state: the transition as the state machine computed it, committed at
   * {@code at}. Heard only on the node that committed it, like {@link InvocationCreated}.
   */
  record InvocationTransitioned(Transition transition, Instant at) implements StoreEvent {
    public InvocationTransitioned {
      Objects.requireNonNull(transition, "transition is null");
      Objects.requireNonNull(at, "at is null");
    }
  }

  /** Which kind of ordered log a {@link LogAppended} is about. */
  enum LogKind {
    INVOCATION,
    SESSION
  }
}
