package dev.agentdispatch.server.app.streams;

import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.signals.WaitKey;
import dev.agentdispatch.server.app.signals.Waiters;
import dev.agentdispatch.store.invocation.InvocationEvent;
import dev.agentdispatch.store.invocation.InvocationStore;
import dev.agentdispatch.store.session.SessionEvent;
import dev.agentdispatch.store.session.SessionStore;
import java.util.Optional;

/**
 * The logs a door can stream live (DESIGN §8): an invocation's and a session's. Each source is
 * checked to exist when it is opened, so a door answers "not found" before it starts a stream.
 */
public final class LogService {
  private final InvocationStore invocations;
  private final SessionStore sessions;
  private final Waiters waiters;

  public LogService(InvocationStore invocations, SessionStore sessions, Waiters waiters) {
    this.invocations = invocations;
    this.sessions = sessions;
    this.waiters = waiters;
  }

  /** Where streams wait for their log to grow. */
  public Waiters waiters() {
    return waiters;
  }

  /** An invocation's log; it ends when the invocation is terminal (or pruned). */
  public LogSource<InvocationEvent> invocation(String namespace, String id) {
    if (invocations.find(namespace, id).isEmpty()) {
      throw new ServiceException.NotFound(
          "invocation '" + id + "' not found in namespace '" + namespace + "'");
    }
    return new LogSource<>() {
      @Override
      public WaitKey key() {
        return WaitKey.invocationLog(namespace, id);
      }

      @Override
      public Batch<InvocationEvent> read(long after, int limit) {
        // Status first: if it is terminal now, the terminal event is already in the log read next.
        Optional<Invocation> inv = invocations.find(namespace, id);
        boolean ended = inv.map(i -> i.status().terminal()).orElse(true);
        return new Batch<>(
            invocations.events(namespace, id, after, limit),
            ended,
            inv.map(i -> i.status().wire()).orElse("deleted"));
      }
    };
  }

  /** A session's log; sessions live on, so it ends only when the session is deleted. */
  public LogSource<SessionEvent> session(String namespace, String id) {
    if (sessions.find(namespace, id).isEmpty()) {
      throw new ServiceException.NotFound(
          "session '" + id + "' not found in namespace '" + namespace + "'");
    }
    return new LogSource<>() {
      @Override
      public WaitKey key() {
        return WaitKey.sessionLog(namespace, id);
      }

      @Override
      public Batch<SessionEvent> read(long after, int limit) {
        boolean ended = sessions.find(namespace, id).isEmpty();
        return new Batch<>(sessions.events(namespace, id, after, limit), ended, "deleted");
      }
    };
  }
}
