package dev.agentdispatch.sdk.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects items that arrive close together and hands them to a sink in batches, on one named
 * thread. After the first item of a batch it lingers briefly for more; while the sink is busy, new
 * items queue up and go out together in the next batch.
 *
 * @param <T> the item type
 */
final class Batcher<T> {
  private static final Logger LOG = LoggerFactory.getLogger(Batcher.class);
  private static final long IDLE_POLL_MS = 100;

  private final BlockingQueue<T> queue;
  private final int maxBatch;
  private final long lingerNanos;
  private final Consumer<List<T>> sink;
  private final Thread thread;
  private volatile boolean closed;

  Batcher(String threadName, int capacity, int maxBatch, Duration linger, Consumer<List<T>> sink) {
    this.queue = new LinkedBlockingQueue<>(capacity);
    this.maxBatch = maxBatch;
    this.lingerNanos = linger.toNanos();
    this.sink = sink;
    this.thread = new Thread(this::run, threadName);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Queues an item; false when closed or full (the caller decides whether that matters). */
  boolean offer(T item) {
    return !closed && queue.offer(item);
  }

  /** Stops intake, sends what is queued, and waits for that; false if it did not finish in time. */
  boolean close(Duration timeout) throws InterruptedException {
    closed = true;
    thread.join(Math.max(1, timeout.toMillis()));
    if (thread.isAlive()) {
      thread.interrupt();
      return false;
    }
    return true;
  }

  private void run() {
    try {
      while (!closed || !queue.isEmpty()) {
        List<T> batch = nextBatch();
        if (!batch.isEmpty()) {
          deliver(batch);
        }
      }
    } catch (InterruptedException e) {
      LOG.debug("{} interrupted with {} items unsent", thread.getName(), queue.size());
    }
  }

  List<T> nextBatch() throws InterruptedException {
    List<T> batch = new ArrayList<>();
    T first = queue.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
    if (first == null) {
      return batch;
    }
    batch.add(first);
    long deadline = System.nanoTime() + lingerNanos;
    while (batch.size() < maxBatch) {
      long left = deadline - System.nanoTime();
      T next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
      if (next == null) {
        break;
      }
      batch.add(next);
    }
    return batch;
  }

  private void deliver(List<T> batch) {
    try {
      sink.accept(List.copyOf(batch));
    } catch (RuntimeException e) {
      // The sink owns retries; a failure here must not end the thread.
      LOG.warn("{} could not deliver {} items: {}", thread.getName(), batch.size(), e.toString());
    }
  }
}
