package dev.agentdispatch.store.sqlite;

import dev.agentdispatch.store.StoreUnavailableException;
import dev.agentdispatch.store.sql.ReadWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads on a few platform threads, each owning one read-only connection: SQLite's JNI calls would
 * pin a virtual thread's carrier, so virtual request threads hand reads over and wait here instead.
 */
final class ReaderPool implements AutoCloseable {
  private final ConnectionFactory factory;
  private final ExecutorService executor;
  private final ThreadLocal<Connection> connection = new ThreadLocal<>();
  private final List<Connection> opened = new CopyOnWriteArrayList<>();

  interface ConnectionFactory {
    Connection open() throws SQLException;
  }

  ReaderPool(int threads, ConnectionFactory factory) {
    this.factory = factory;
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            threads,
            r ->
                Thread.ofPlatform()
                    .name("sqlite-reader-" + n.incrementAndGet())
                    .daemon(true)
                    .unstarted(r));
  }

  <T> T read(ReadWork<T> work) {
    Future<T> future;
    try {
      future = executor.submit(() -> runOnThisThread(work));
    } catch (RejectedExecutionException e) {
      throw new StoreUnavailableException("the store is closed", e);
    }
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while reading", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new StoreUnavailableException(
          "read failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  private <T> T runOnThisThread(ReadWork<T> work) throws SQLException {
    Connection c = connection.get();
    if (c == null) {
      c = factory.open();
      opened.add(c);
      connection.set(c);
    }
    // An explicit read transaction per unit of work: one consistent snapshot for its statements,
    // ended at once so the next read sees newer commits and the WAL can checkpoint.
    try (var st = c.createStatement()) {
      st.execute("BEGIN DEFERRED");
    }
    try {
      return work.run(c);
    } finally {
      try (var st = c.createStatement()) {
        st.execute("COMMIT");
      }
    }
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Connection c : opened) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing on shutdown; nothing to do
      }
    }
  }
}
