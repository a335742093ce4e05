package dev.agentdispatch.sdk.worker;

import dev.agentdispatch.sdk.model.CompletionResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One ordered queue for everything a worker sends about its leases: log/progress events and
 * results. A handler queues its events before its result, and each batch sends its events before
 * its results, so the server always has an attempt's events before the attempt ends (after that it
 * refuses them, and an event stream closes at the terminal event). Results are never dropped;
 * events are, past a cap.
 */
final class Outbox {
  /** What the outbox carries. */
  sealed interface Item permits Event, Result {}

  record Event(LeaseEvent event) implements Item {}

  record Result(CompletionResult result) implements Item {}

  private final Batcher<Item> batcher;
  private final Consumer<List<LeaseEvent>> events;
  private final Consumer<List<CompletionResult>> results;
  private final int maxQueuedEvents;
  private final AtomicInteger queuedEvents = new AtomicInteger();

  Outbox(
      String threadName,
      int maxBatch,
      Duration linger,
      Consumer<List<LeaseEvent>> events,
      Consumer<List<CompletionResult>> results,
      int maxQueuedEvents) {
    this.events = events;
    this.results = results;
    this.maxQueuedEvents = maxQueuedEvents;
    this.batcher = new Batcher<>(threadName, Integer.MAX_VALUE, maxBatch, linger, this::deliver);
  }

  void start() {
    batcher.start();
  }

  /** Queues an event; false when it was dropped (too many queued, or closed). */
  boolean event(LeaseEvent event) {
    if (queuedEvents.incrementAndGet() > maxQueuedEvents || !batcher.offer(new Event(event))) {
      queuedEvents.decrementAndGet();
      return false;
    }
    return true;
  }

  /** Queues a result; false only once the outbox is closed. */
  boolean result(CompletionResult result) {
    return batcher.offer(new Result(result));
  }

  boolean close(Duration timeout) throws InterruptedException {
    return batcher.close(timeout);
  }

  private void deliver(List<Item> batch) {
    List<LeaseEvent> eventBatch = new ArrayList<>();
    List<CompletionResult> resultBatch = new ArrayList<>();
    for (Item item : batch) {
      if (item instanceof Event) {
        eventBatch.add(((Event) item).event());
      } else {
        resultBatch.add(((Result) item).result());
      }
    }
    queuedEvents.addAndGet(-eventBatch.size());
    if (!eventBatch.isEmpty()) {
      events.accept(eventBatch);
    }
    if (!resultBatch.isEmpty()) {
      results.accept(resultBatch);
    }
  }
}
