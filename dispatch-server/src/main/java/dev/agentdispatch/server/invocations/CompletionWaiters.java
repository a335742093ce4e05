package dev.agentdispatch.server.invocations;

import dev.agentdispatch.store.StoreEvent;
import dev.agentdispatch.store.StoreListener;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lets {@code GET /invocations/{id}?wait_seconds=} return the moment an invocation ends, woken by the
 * store's after-commit events (local, or from other nodes) rather than by polling. Each waiter has its own
 * registration and removes it when done, so nothing accumulates for invocations nobody waits on.
 */
public final class CompletionWaiters implements StoreListener {
  private final Map<String, Set<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();

  /** A future completed when the invocation next ends; register before reading, to miss nothing. */
  public CompletableFuture<Void> register(String invocationId) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    waiting.computeIfAbsent(invocationId, id -> ConcurrentHashMap.newKeySet()).add(f);
    return f;
  }

  /** Waits up to {@code timeout}; returns whether the invocation ended meanwhile. */
  public static boolean await(CompletableFuture<Void> ended, Duration timeout) {
    try {
      ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Drops a registration its waiter no longer needs. */
  public void forget(String invocationId, CompletableFuture<Void> ended) {
    waiting.computeIfPresent(invocationId, (id, set) -> {
      set.remove(ended);
      return set.isEmpty() ? null : set;
    });
  }

  @Override
  public void onEvent(StoreEvent event) {
    if (event instanceof StoreEvent.InvocationChanged c && c.terminal()) {
      Set<CompletableFuture<Void>> set = waiting.remove(c.invocationId());
      if (set != null) {
        set.forEach(f -> f.complete(null));
      }
    }
  }

  /** Releases every waiter, e.g. at shutdown. */
  public void releaseAll() {
    waiting.values().forEach(set -> set.forEach(f -> f.complete(null)));
    waiting.clear();
  }
}
