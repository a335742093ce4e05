package dev.agentdispatch.store.sql;

/**
 * Runs store work in transactions. The SQLite one groups concurrent writes into one commit on a single
 * writer thread; a PostgreSQL one runs each on a pooled connection. Runtime exceptions thrown by the
 * work (for example an illegal transition) roll back that work only and reach the caller unchanged.
 */
public interface Transactor extends AutoCloseable {
  <T> T write(TxWork<T> work);

  <T> T read(ReadWork<T> work);

  @Override
  void close();
}
