package dev.agentdispatch.server.app.signals;

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
 * The one place a request waits for something to happen in the store: an invocation to end (a
 * long-poll read) or a log to grow (a live stream). Woken by the store's after-commit events, this
 * node's or other nodes' (PostgreSQL NOTIFY), never by polling. A waiter registers <em>before</em>
 * it reads, so a change between its read and its wait is never missed, and removes its registration
 * when done, so nothing accumulates for things nobody waits on.
 */
public final class Waiters implements StoreListener {
  private final Map<WaitKey, Set<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();

  /** A future completed at the next change under {@code key}. */
  public CompletableFuture<Void> register(WaitKey key) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    waiting.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(f);
    return f;
  }

  /** Drops a registration its waiter no longer needs. */
  public void forget(WaitKey key, CompletableFuture<Void> f) {
    waiting.computeIfPresent(
        key,
        (k, set) -> {
          set.remove(f);
          return set.isEmpty() ? null : set;
        });
  }

  /**
   * Waits up to {@code timeout}; returns whether the change happened meanwhile.
   *
   * @throws Parking.CallerGone when the caller of the request waiting hangs up ({@link Parking})
   */
  public static boolean await(CompletableFuture<Void> change, Duration timeout) {
    try {
      Parking.park(() -> {
        try {
          change.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
          // Told by isDone below.
        }
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return change.isDone() && !change.isCompletedExceptionally();
  }

  @Override
  public void onEvent(StoreEvent event) {
    switch (event) {
      case StoreEvent.LogAppended l ->
          wake(
              l.kind() == StoreEvent.LogKind.SESSION
                  ? WaitKey.sessionLog(l.namespace(), l.id())
                  : WaitKey.invocationLog(l.namespace(), l.id()));
      case StoreEvent.InvocationChanged c -> {
        wake(WaitKey.invocationLog(c.namespace(), c.invocationId()));
        if (c.terminal()) {
          wake(WaitKey.ended(c.namespace(), c.invocationId()));
        }
      }
      default -> {}
    }
  }

  private void wake(WaitKey key) {
    Set<CompletableFuture<Void>> set = waiting.remove(key);
    if (set != null) {
      set.forEach(f -> f.complete(null));
    }
  }

  /** Releases every waiter (each notices why it was woken, e.g. that the server is closing). */
  public void releaseAll() {
    waiting.values().forEach(set -> set.forEach(f -> f.complete(null)));
    waiting.clear();
  }

  /** How many waiters of {@code kind} wait now, for tests and metrics. */
  public int size(WaitKey.Kind kind) {
    return waiting.entrySet().stream()
        .filter(e -> e.getKey().kind() == kind)
        .mapToInt(e -> e.getValue().size())
        .sum();
  }
}
