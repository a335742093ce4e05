package dev.agentdispatch.store.postgres;

import dev.agentdispatch.store.StoreEvent;
import dev.agentdispatch.store.StoreUnavailableException;
import dev.agentdispatch.store.sql.Dialect;
import dev.agentdispatch.store.sql.Tx;
import dev.agentdispatch.store.sql.TxWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for PostgreSQL: at most {@code leaders} transactions of writes are open at once, and
 * a write that arrives while all are busy waits to join the next one, so under load concurrent
 * invokes, claims and completions share one commit (one WAL flush, one wake-up) instead of paying
 * one each. Measured on the project's machine, the commit was the dominant cost of a single invoke
 * (docs/performance.md). There is no writer thread: the caller that finds a free slot leads, drains
 * what waits (its own unit first) and runs it; without contention a write runs alone on its own
 * thread exactly as before, with no hand-off.
 *
 * <p>A batch runs without savepoints (each would cost two more round trips per unit). If any unit
 * of a batch throws, the whole batch is rolled back and every unit of it is run again on its own
 * ({@code alone}), with its own retries of races (23505, 40001, 40P01): so one unit's failure never
 * fails the others, and its caller gets exactly the answer it would have got alone. Units are
 * already written to be run again from the start (that is how races are retried). A failed commit
 * fails the whole batch: its outcome is unknown, so nothing is run again.
 *
 * <p>Durability is unchanged: a caller is answered only after the commit that holds its unit
 * returned, with {@code synchronous_commit} as the database has it.
 */
final class PgGroupCommit implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PgGroupCommit.class);

  /** At most this many units share one transaction: the row locks of a batch are held together. */
  static final int MAX_BATCH = 64;

  /**
   * Writes that may wait for a slot; beyond that a write is refused at once (503) rather than
   * queued behind a growing backlog.
   */
  static final int MAX_QUEUED = 4096;

  /** How long a waiting write waits before it looks whether it must lead. */
  static final long REDRIVE_MS = 5;

  /** A write run alone in its own transaction, with its own retries. */
  interface Alone {
    <T> T run(TxWork<T> work);
  }

  /** Lends a pooled connection for one batch. */
  interface ConnectionSource {
    Connection get() throws SQLException;
  }

  private final ConnectionSource connections;
  private final Alone alone;
  private final Consumer<List<StoreEvent>> publisher;
  private final Queue<Unit<?>> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final Semaphore slots;
  private final ThreadLocal<Boolean> leading = ThreadLocal.withInitial(() -> false);
  private volatile boolean closing;

  PgGroupCommit(
      int leaders,
      ConnectionSource connections,
      Alone alone,
      Consumer<List<StoreEvent>> publisher) {
    if (leaders < 1) {
      throw new IllegalArgumentException("at least one transaction at a time, got " + leaders);
    }
    this.slots = new Semaphore(leaders);
    this.connections = connections;
    this.alone = alone;
    this.publisher = publisher;
  }

  <T> T submit(TxWork<T> work) {
    if (leading.get()) {
      // A unit that writes again in a transaction of its own: waiting for a slot here could wait
      // for itself.
      return alone.run(work);
    }
    if (closing) {
      throw new StoreUnavailableException("the store is closed");
    }
    if (queued.get() >= MAX_QUEUED) {
      throw StoreUnavailableException.overloaded(
          "the server is overloaded: " + MAX_QUEUED + " writes already wait to be committed");
    }
    Unit<T> unit = new Unit<>(work);
    queued.incrementAndGet();
    queue.add(unit);
    try {
      while (true) {
        drive(unit);
        try {
          return unit.result.get(REDRIVE_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          // Every leader left after its own write (see drive): lead the next batch if none does.
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while waiting for a write to commit", e);
    } catch (ExecutionException e) {
      // Every failure is completed as a RuntimeException (see Unit.runAlone and commit).
      throw (RuntimeException) e.getCause();
    }
  }

  /**
   * Leads batches while {@code own} is not done, writes wait and a slot is free. A leader leaves
   * once its own write is answered, so that no caller leads for ever under load; what it leaves
   * queued is led by the next caller to arrive, or by a waiting one when its wait of {@link
   * #REDRIVE_MS} runs out.
   */
  private void drive(Unit<?> own) {
    while (!own.result.isDone() && !queue.isEmpty() && slots.tryAcquire()) {
      List<Unit<?>> batch = new ArrayList<>();
      try {
        leading.set(true);
        for (Unit<?> u; batch.size() < MAX_BATCH && (u = queue.poll()) != null; ) {
          queued.decrementAndGet();
          batch.add(u);
        }
        if (batch.size() == 1) {
          batch.get(0).runAlone(alone);
        } else if (!batch.isEmpty()) {
          commit(batch);
        }
      } catch (RuntimeException | Error e) {
        log.error("a PostgreSQL write batch failed", e);
        StoreUnavailableException failure =
            new StoreUnavailableException("write failed: " + e.getMessage(), e);
        batch.forEach(u -> u.result.completeExceptionally(failure));
      } finally {
        leading.set(false);
        slots.release();
      }
    }
  }

  private void commit(List<Unit<?>> batch) {
    List<StoreEvent> events = new ArrayList<>();
    try (Connection c = connections.get()) {
      c.setAutoCommit(false);
      try {
        for (Unit<?> unit : batch) {
          unit.runIn(c, events);
        }
      } catch (Exception e) {
        // Which unit failed, and whether only because of another one, is not known without a
        // savepoint each: undo the batch and give every unit its own transaction.
        c.rollback();
        batch.forEach(u -> u.runAlone(alone));
        return;
      }
      try {
        c.commit();
      } catch (SQLException e) {
        StoreUnavailableException failure =
            new StoreUnavailableException("PostgreSQL commit failed: " + e.getMessage(), e);
        batch.forEach(u -> u.result.completeExceptionally(failure));
        return;
      }
    } catch (SQLException e) {
      // No connection, or the rollback failed: the database is away; each unit alone gets the
      // same answer it would have had without the batch.
      batch.stream().filter(u -> !u.result.isDone()).forEach(u -> u.runAlone(alone));
      return;
    }
    if (!events.isEmpty()) {
      try {
        publisher.accept(events);
      } catch (RuntimeException e) {
        log.warn("a store listener failed", e);
      }
    }
    batch.forEach(Unit::acknowledge);
  }

  /** Refuses new writes; those already taken finish with their callers. */
  @Override
  public void close() {
    closing = true;
  }

  private static final class Unit<T> {
    final TxWork<T> work;
    final CompletableFuture<T> result = new CompletableFuture<>();
    private T value;

    Unit(TxWork<T> work) {
      this.work = work;
    }

    /** Runs inside the batch's transaction; its events count only if the batch commits. */
    void runIn(Connection c, List<StoreEvent> events) throws Exception {
      Tx tx = new Tx(c, Dialect.POSTGRES);
      value = work.run(tx);
      events.addAll(tx.events());
    }

    void acknowledge() {
      result.complete(value);
    }

    void runAlone(Alone alone) {
      try {
        result.complete(alone.run(work));
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    }
  }
}
