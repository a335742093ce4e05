package dev.agentdispatch.server.invocations;

import dev.agentdispatch.store.StoreEvent;
import dev.agentdispatch.store.StoreListener;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lets {@code GET /invocations/{id}?wait_seconds=} return the moment an invocation ends, woken by the
 * store's after-commit events rather than by polling.
 */
public final class CompletionWaiters implements StoreListener {
  private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

  /** A future completed when the invocation next ends; register before reading, to miss nothing. */
  public CompletableFuture<Void> register(String invocationId) {
    return waiting.computeIfAbsent(invocationId, id -> new CompletableFuture<>());
  }

  /** Waits up to {@code timeout}; returns whether the invocation ended meanwhile. */
  public static boolean await(CompletableFuture<Void> ended, Duration timeout) {
    try {
      ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return false;
    }
  }

  /** Drops a registration nobody waits on any more (after a wait timed out). */
  public void forget(String invocationId, CompletableFuture<Void> ended) {
    waiting.remove(invocationId, ended);
  }

  @Override
  public void onEvent(StoreEvent event) {
    if (event instanceof StoreEvent.InvocationChanged c && c.terminal()) {
      CompletableFuture<Void> f = waiting.remove(c.invocationId());
      if (f != null) {
        f.complete(null);
      }
    }
  }

  /** Releases every waiter, e.g. at shutdown. */
  public void releaseAll() {
    waiting.values().forEach(f -> f.complete(null));
    waiting.clear();
  }
}
