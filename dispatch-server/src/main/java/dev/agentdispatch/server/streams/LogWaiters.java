package dev.agentdispatch.server.streams;

import dev.agentdispatch.store.StoreEvent;
import dev.agentdispatch.store.StoreListener;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wakes live event streams the moment their log grows, from the store's after-commit events (this node's,
 * or other nodes' through PostgreSQL NOTIFY). A stream registers before it reads, so an append between its
 * read and its wait is never missed; each registration is removed by its stream, so nothing accumulates.
 */
public final class LogWaiters implements StoreListener {
  private final Map<String, Set<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();

  /** The key of an invocation's log. */
  public static String invocation(String namespace, String id) {
    return "i/" + namespace + "/" + id;
  }

  /** The key of a session's log. */
  public static String session(String namespace, String id) {
    return "s/" + namespace + "/" + id;
  }

  /** A future completed at the next append to the log under {@code key}. */
  public CompletableFuture<Void> register(String key) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    waiting.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(f);
    return f;
  }

  public void forget(String key, CompletableFuture<Void> f) {
    waiting.computeIfPresent(key, (k, set) -> {
      set.remove(f);
      return set.isEmpty() ? null : set;
    });
  }

  @Override
  public void onEvent(StoreEvent event) {
    switch (event) {
      case StoreEvent.LogAppended l -> wake(l.kind() == StoreEvent.LogKind.SESSION
          ? session(l.namespace(), l.id()) : invocation(l.namespace(), l.id()));
      case StoreEvent.InvocationChanged c -> wake(invocation(c.namespace(), c.invocationId()));
      default -> { }
    }
  }

  private void wake(String key) {
    Set<CompletableFuture<Void>> set = waiting.remove(key);
    if (set != null) {
      set.forEach(f -> f.complete(null));
    }
  }

  /** Releases every stream (they notice the server is closing), e.g. at shutdown. */
  public void releaseAll() {
    waiting.values().forEach(set -> set.forEach(f -> f.complete(null)));
    waiting.clear();
  }

  /** How many streams wait now, for tests and metrics. */
  public int size() {
    return waiting.values().stream().mapToInt(Set::size).sum();
  }
}
