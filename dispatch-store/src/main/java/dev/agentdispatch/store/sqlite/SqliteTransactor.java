package dev.agentdispatch.store.sqlite;

import dev.agentdispatch.store.StoreEvent;
import dev.agentdispatch.store.sql.ReadWork;
import dev.agentdispatch.store.sql.Transactor;
import dev.agentdispatch.store.sql.TxWork;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Writes through the group-commit writer, reads through the reader pool. */
final class SqliteTransactor implements Transactor {
  private final GroupCommitWriter writer;
  private final ReaderPool readers;

  SqliteTransactor(
      Connection writeConnection,
      ReaderPool readers,
      Consumer<List<StoreEvent>> publisher,
      GroupCommitMeters meters) {
    this.writer = new GroupCommitWriter(writeConnection, publisher, meters);
    this.readers = readers;
  }

  @Override
  public <T> T write(TxWork<T> work) {
    return writer.submit(work);
  }

  @Override
  public <T> CompletableFuture<T> writeLater(TxWork<T> work) {
    return writer.enqueue(work);
  }

  @Override
  public <T> T read(ReadWork<T> work) {
    return readers.read(work);
  }

  @Override
  public void close() {
    writer.close();
    readers.close();
  }
}
