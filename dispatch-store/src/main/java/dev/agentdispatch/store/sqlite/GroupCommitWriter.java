package dev.agentdispatch.store.sqlite;

import dev.agentdispatch.store.StoreEvent;
import dev.agentdispatch.store.StoreUnavailableException;
import dev.agentdispatch.store.sql.Dialect;
import dev.agentdispatch.store.sql.Tx;
import dev.agentdispatch.store.sql.TxWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single SQLite writer (DESIGN §4): one platform thread drains every pending write into one
 * transaction, commits once (one fsync for the batch), then acknowledges each caller. Each piece of
 * work runs under its own savepoint, so one that fails (with any exception, checked or not) rolls
 * back alone, its caller alone gets the failure, and the rest still commit. Only a failure of the
 * commit itself, or of the savepoint machinery, fails the whole batch.
 */
final class GroupCommitWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
  static final int MAX_BATCH = 512;

  /**
   * Writes that may wait for the writer: 16 batches, about a second of work at the writer's pace.
   * Beyond that a write is refused at once (503) rather than queued behind a growing backlog.
   */
  static final int MAX_QUEUED = 16 * MAX_BATCH;

  private final Connection connection;
  private final Consumer<List<StoreEvent>> publisher;
  private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final int maxQueued;
  private volatile boolean closing;

  private final GroupCommitMeters meters;

  GroupCommitWriter(Connection connection, Consumer<List<StoreEvent>> publisher) {
    this(connection, publisher, GroupCommitMeters.none());
  }

  /**
   * @param connection the write connection; it is put in auto-commit mode, because each batch opens
   *     its own transaction
   */
  GroupCommitWriter(
      Connection connection, Consumer<List<StoreEvent>> publisher, GroupCommitMeters meters) {
    this(connection, publisher, meters, MAX_QUEUED);
  }

  GroupCommitWriter(
      Connection connection,
      Consumer<List<StoreEvent>> publisher,
      GroupCommitMeters meters,
      int maxQueued) {
    this.connection = connection;
    this.maxQueued = maxQueued;
    // The driver, out of auto-commit, begins the next transaction at every commit: with BEGIN
    // IMMEDIATE the writer would hold the file's write lock even while idle, and nothing else (the
    // CLI's key commands) could ever write while a server runs. Each batch begins its own instead.
    try {
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      throw new StoreUnavailableException("cannot use the SQLite write connection", e);
    }
    this.meters = meters;
    meters.watchQueue(this::queued);
    this.publisher = publisher;
    this.thread = Thread.ofPlatform().name("sqlite-writer").daemon(false).unstarted(this::run);
    this.thread.start();
  }

  /** How many writes wait for the writer: the next batch takes up to {@link #MAX_BATCH} of them. */
  int queued() {
    return queue.size();
  }

  /**
   * Queues {@code work} for the next batch and returns without waiting for it: the future completes
   * after its batch commits (or fails). Never refused for overload, since the caller cannot redo
   * it: beyond {@link #MAX_QUEUED} waiting writes the caller waits for its own write instead, which
   * slows the callers down to the writer's pace.
   */
  <T> CompletableFuture<T> enqueue(TxWork<T> work) {
    if (closing) {
      throw new StoreUnavailableException("the store is closed");
    }
    Task<T> task = new Task<>(work);
    queue.add(task);
    if (queue.size() > maxQueued) {
      try {
        task.result.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        // The future carries the failure to the caller.
      }
    }
    return task.result;
  }

  <T> T submit(TxWork<T> work) {
    if (closing) {
      throw new StoreUnavailableException("the store is closed");
    }
    if (queue.size() >= maxQueued) {
      throw StoreUnavailableException.overloaded(
          "the server is overloaded: " + maxQueued + " writes already wait to be committed");
    }
    Task<T> task = new Task<>(work);
    queue.add(task);
    try {
      return task.result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while waiting for a write to commit", e);
    } catch (ExecutionException e) {
      // Every failure is completed as a RuntimeException (see Task.acknowledge and commit).
      throw (RuntimeException) e.getCause();
    }
  }

  private void run() {
    List<Task<?>> batch = new ArrayList<>();
    while (!closing || !queue.isEmpty()) {
      try {
        Task<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        commit(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("sqlite writer loop failed; continuing", e);
      } finally {
        batch.clear();
      }
    }
  }

  private void commit(List<Task<?>> batch) {
    List<StoreEvent> events = new ArrayList<>();
    long start = System.nanoTime();
    try {
      // IMMEDIATE: the write lock is taken here, waiting out another writer on busy_timeout,
      // rather than at the first write, where WAL could only fail the upgrade.
      execute(connection, "BEGIN IMMEDIATE");
    } catch (SQLException e) {
      StoreUnavailableException failure =
          new StoreUnavailableException("the database is locked by another writer", e);
      batch.forEach(t -> t.result.completeExceptionally(failure));
      return;
    }
    try {
      for (Task<?> task : batch) {
        task.runIn(connection, events);
      }
      execute(connection, "COMMIT");
      meters.committed(batch.size(), System.nanoTime() - start);
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly();
      StoreUnavailableException failure =
          new StoreUnavailableException("commit failed: " + e.getMessage(), e);
      batch.forEach(t -> t.result.completeExceptionally(failure));
      return;
    }
    batch.forEach(Task::acknowledge);
    if (!events.isEmpty()) {
      try {
        publisher.accept(events);
      } catch (RuntimeException e) {
        log.warn("a store listener failed", e);
      }
    }
  }

  private void rollbackQuietly() {
    try {
      execute(connection, "ROLLBACK");
    } catch (SQLException e) {
      // A failed COMMIT may have ended the transaction already: then there is nothing to undo.
      if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
        log.warn("rollback failed", e);
      }
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Stops taking work, commits what is queued, and closes the connection. */
  @Override
  public void close() {
    closing = true;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      connection.close();
    } catch (SQLException e) {
      log.warn("closing the writer connection failed", e);
    }
  }

  private static final class Task<T> {
    final TxWork<T> work;
    final CompletableFuture<T> result = new CompletableFuture<>();
    private T value;
    private Exception failure;

    Task(TxWork<T> work) {
      this.work = work;
    }

    /**
     * Runs under a savepoint; any exception of the work rolls back to it and is kept for the
     * caller. A {@link SQLException} thrown here comes from the savepoint machinery itself and
     * fails the batch.
     */
    void runIn(Connection c, List<StoreEvent> events) throws SQLException {
      execute(c, "SAVEPOINT task");
      Tx tx = new Tx(c, Dialect.SQLITE);
      try {
        value = work.run(tx);
      } catch (Exception e) {
        execute(c, "ROLLBACK TO task");
        execute(c, "RELEASE task");
        failure = e;
        return;
      }
      execute(c, "RELEASE task");
      events.addAll(tx.events());
    }

    /**
     * Hands the caller its result, its own runtime exception unchanged, or a database failure of
     * its work.
     */
    void acknowledge() {
      switch (failure) {
        case null -> result.complete(value);
        case RuntimeException e -> result.completeExceptionally(e);
        case Exception e ->
            result.completeExceptionally(
                new StoreUnavailableException("write failed: " + e.getMessage(), e));
      }
    }
  }
}
