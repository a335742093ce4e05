package dev.agentdispatch.store;

/**
 * Told about committed changes, so the server can wake long-polls and waiters in-process instead of
 * polling the database. Called after commit on the store's writer thread: implementations must be
 * quick and must not call back into the store.
 */
public interface StoreListener {
  void onEvent(StoreEvent event);
}
