package dev.agentdispatch.store.sql;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes this node queued and has not seen commit yet, per namespace: what a read waits for so that
 * a node reads its own writes (a recorded call the client already has its answer for).
 */
final class PendingWrites {
  private final Map<String, Set<CompletableFuture<?>>> byNamespace = new ConcurrentHashMap<>();

  /** Tracks {@code write} until it completes, however it ends. */
  <T> CompletableFuture<T> track(String namespace, CompletableFuture<T> write) {
    Set<CompletableFuture<?>> pending =
        byNamespace.computeIfAbsent(namespace, n -> ConcurrentHashMap.newKeySet());
    pending.add(write);
    write.whenComplete((v, e) -> pending.remove(write));
    return write;
  }

  /** Waits until every write of {@code namespace} queued before this call has completed. */
  void await(String namespace) {
    Set<CompletableFuture<?>> pending = byNamespace.get(namespace);
    if (pending == null || pending.isEmpty()) {
      return;
    }
    for (CompletableFuture<?> f : List.copyOf(pending)) {
      try {
        f.join();
      } catch (CompletionException e) {
        // Its writer reports the failure; a reader only waits for it to be over.
      }
    }
  }
}
