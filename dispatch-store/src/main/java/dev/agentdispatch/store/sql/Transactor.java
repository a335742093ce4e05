package dev.agentdispatch.store.sql;

import java.util.concurrent.CompletableFuture;

/**
 * Runs store work in transactions. The SQLite one groups concurrent writes into one commit on a
 * single writer thread; a PostgreSQL one runs each on a pooled connection. An exception thrown by
 * the work rolls back that work only: a runtime exception (for example an illegal transition)
 * reaches the caller unchanged, a {@link java.sql.SQLException} as a {@link
 * dev.agentdispatch.store.StoreException}.
 */
public interface Transactor extends AutoCloseable {
  <T> T write(TxWork<T> work);

  /**
   * Runs {@code work} in a write transaction without the caller waiting for it: the future
   * completes once it has committed (or failed). For writes whose caller need not see them durable
   * before it goes on; the SQLite one queues it for the writer's next batch.
   */
  <T> CompletableFuture<T> writeLater(TxWork<T> work);

  <T> T read(ReadWork<T> work);

  @Override
  void close();
}
