package dev.agentdispatch.store.sql;

import dev.agentdispatch.store.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for a store every node writes (PostgreSQL): writer threads each take every item
 * queued while their last transaction ran and write them in one transaction. On PostgreSQL the cost
 * of a small write is its round trips (each a socket write, a wake-up and a read on both sides),
 * not its data: a batch of a hundred costs about what one costs. A batch that fails is written
 * again one item at a time, so one bad item fails only itself; items of a batch that committed are
 * never written twice.
 *
 * <p>The writers are platform threads: one that holds a pooled connection is scheduled by the
 * operating system, not queued behind every runnable virtual thread of the server. The queue is
 * bounded: past it a submit is refused at once as overload, so callers back off instead of waiting.
 *
 * @param <I> what one caller writes
 * @param <O> what it gets back
 */
final class GroupWrites<I, O> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupWrites.class);

  /** Writes items in one transaction; returns one result per item, in order, or throws. */
  @FunctionalInterface
  interface BatchWrite<I, O> {
    List<O> write(List<I> items);
  }

  private record Queued<I, O>(I item, CompletableFuture<O> done) {}

  private final String name;
  private final int maxBatch;
  private final BatchWrite<I, O> write;
  private final BlockingQueue<Queued<I, O>> queue;
  private final List<Thread> writers = new ArrayList<>();
  private volatile boolean closed;

  /**
   * @param name what is written, for thread names and messages
   * @param writers transactions in flight at once
   * @param maxBatch the most items one transaction writes
   * @param maxQueued the most items waiting; more are refused as overload
   */
  GroupWrites(String name, int writers, int maxBatch, int maxQueued, BatchWrite<I, O> write) {
    if (writers < 1 || maxBatch < 1 || maxQueued < 1) {
      throw new IllegalArgumentException("writers, maxBatch and maxQueued must be at least 1");
    }
    this.name = name;
    this.maxBatch = maxBatch;
    this.write = write;
    this.queue = new ArrayBlockingQueue<>(maxQueued);
    for (int i = 0; i < writers; i++) {
      this.writers.add(Thread.ofPlatform().daemon().name(name + "-writer-" + i).start(this::run));
    }
  }

  /** Queues an item; the future completes once its batch committed (or it failed). */
  CompletableFuture<O> submit(I item) {
    CompletableFuture<O> done = new CompletableFuture<>();
    if (closed) {
      done.completeExceptionally(
          new StoreUnavailableException("the store is closing: the " + name + " was not written"));
    } else if (!queue.offer(new Queued<>(item, done))) {
      done.completeExceptionally(
          StoreUnavailableException.overloaded(
              "the server is overloaded: "
                  + (queue.size() + queue.remainingCapacity())
                  + " writes of "
                  + name
                  + " are already waiting for the database"));
    }
    return done;
  }

  /** Queues an item and waits for its batch; its failure is thrown as it was raised. */
  O write(I item) {
    try {
      return submit(item).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        cause.addSuppressed(new Exception("waited for here"));
        throw cause;
      }
      throw e;
    }
  }

  private void run() {
    List<Queued<I, O>> batch = new ArrayList<>();
    while (!closed || !queue.isEmpty()) {
      try {
        Queued<I, O> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("the {} writer failed; it goes on", name, e);
        batch.forEach(q -> q.done().completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<Queued<I, O>> batch) {
    List<O> results;
    try {
      results = write.write(batch.stream().map(Queued::item).toList());
    } catch (RuntimeException e) {
      if (batch.size() > 1) {
        for (Queued<I, O> q : batch) {
          write(List.of(q));
        }
      } else {
        batch.getFirst().done().completeExceptionally(e);
      }
      return;
    }
    if (results.size() != batch.size()) {
      throw new IllegalStateException(
          name + ": " + results.size() + " results for " + batch.size() + " items");
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).done().complete(results.get(i));
    }
  }

  /** Writes what is queued, then stops. */
  @Override
  public void close() {
    closed = true;
    for (Thread t : writers) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    // A submit that raced the close and found the writers gone.
    for (Queued<I, O> q; (q = queue.poll()) != null; ) {
      q.done()
          .completeExceptionally(
              new StoreUnavailableException(
                  "the store is closing: the " + name + " was not written"));
    }
  }
}
