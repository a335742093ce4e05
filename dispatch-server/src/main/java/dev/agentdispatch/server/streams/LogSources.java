package dev.agentdispatch.server.streams;

import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.server.api.Json;
import dev.agentdispatch.server.invocations.EventView;
import dev.agentdispatch.server.sessions.SessionViews.SessionEventView;
import dev.agentdispatch.store.invocation.InvocationStore;
import dev.agentdispatch.store.session.SessionStore;
import java.util.Optional;

/** The two kinds of log a stream follows. */
public final class LogSources {
  private LogSources() {}

  /** An invocation's log; it ends when the invocation is terminal (or pruned). */
  public static LogSource invocation(InvocationStore store, String namespace, String id) {
    return (after, limit) -> {
      // Status first: if it is terminal now, the terminal event is already in the log read next.
      Optional<Invocation> inv = store.find(namespace, id);
      boolean ended = inv.map(i -> i.status().terminal()).orElse(true);
      var entries = store.events(namespace, id, after, limit).stream()
          .map(e -> new StreamEntry(e.seq(), e.type(), Json.write(EventView.of(e)))).toList();
      return new LogSource.Batch(entries, ended, inv.map(i -> i.status().wire()).orElse("deleted"));
    };
  }

  /** A session's log; sessions live on, so it ends only when the session is deleted. */
  public static LogSource session(SessionStore store, String namespace, String id) {
    return (after, limit) -> {
      boolean ended = store.find(namespace, id).isEmpty();
      var entries = store.events(namespace, id, after, limit).stream()
          .map(e -> new StreamEntry(e.seq(), e.type(), Json.write(SessionEventView.of(e)))).toList();
      return new LogSource.Batch(entries, ended, "deleted");
    };
  }
}
