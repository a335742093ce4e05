package dev.agentdispatch.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * Enqueues {@code count} invocations through {@code POST /invocations}, either closed-loop ({@code
 * n} callers back to back: the most the server takes) or open-loop at a fixed rate (each call
 * started on its own schedule whether or not earlier ones returned, so a slow server cannot hide
 * its latency).
 */
public final class Producer {
  private final BenchApi api;
  private final String agent;
  private final String function;
  private final Payloads payloads;
  private final RunState state;
  private final Accepted onAccepted;
  private final LongFunction<String> keys;

  /** Told of every single enqueue the server accepted: its answer's body and when it arrived. */
  @FunctionalInterface
  public interface Accepted {
    void accepted(String answerBody, long nanos);
  }

  public Producer(BenchApi api, String agent, String function, Payloads payloads, RunState state) {
    this(api, agent, function, payloads, state, (body, nanos) -> {});
  }

  public Producer(
      BenchApi api,
      String agent,
      String function,
      Payloads payloads,
      RunState state,
      Accepted onAccepted) {
    this(api, agent, function, payloads, state, onAccepted, null);
  }

  /**
   * @param keys the {@code concurrency_key} of the invocation with each sequence number (0, 1, …);
   *     null sends none
   */
  public Producer(
      BenchApi api,
      String agent,
      String function,
      Payloads payloads,
      RunState state,
      Accepted onAccepted,
      LongFunction<String> keys) {
    this.api = api;
    this.agent = agent;
    this.function = function;
    this.payloads = payloads;
    this.state = state;
    this.onAccepted = onAccepted;
    this.keys = keys;
  }

  /** The producer of a load plan: its agent, function and payload size, timing nothing extra. */
  static Producer of(BenchApi api, LoadPlan plan, RunState state, LongFunction<String> keys) {
    return new Producer(
        api,
        plan.agent(),
        plan.function(),
        new Payloads(plan.payloadBytes()),
        state,
        (body, nanos) -> {},
        keys);
  }

  /**
   * {@code concurrency} virtual threads enqueue back to back until {@code count} are sent or time
   * is up.
   */
  public void closedLoop(long count, int concurrency, int batch) throws InterruptedException {
    AtomicLong next = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      threads.add(
          Thread.ofVirtual()
              .name("producer-" + i)
              .start(() -> {
                long from;
                while ((from = next.getAndAdd(batch)) < count
                    && !state.timedOut()
                    && state.failureCount() <= 100) {
                  int n = (int) Math.min(batch, count - from);
                  if (n == 1) {
                    enqueueOne(from);
                  } else {
                    enqueueMany(from, n);
                  }
                }
              }));
    }
    for (Thread t : threads) {
      t.join();
    }
    state.producersDone();
  }

  /** Starts one enqueue every {@code 1/rate} seconds until {@code count} are sent or time is up. */
  public void fixedRate(long count, int rate) throws InterruptedException {
    long periodNanos = 1_000_000_000L / rate;
    long start = System.nanoTime();
    try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
      for (long i = 0; i < count && !state.timedOut() && state.failureCount() <= 100; i++) {
        long due = start + i * periodNanos;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        long seq = i;
        calls.execute(() -> enqueueOne(seq));
      }
      calls.shutdown();
      calls.awaitTermination(state.remainingMillis() + 1, TimeUnit.MILLISECONDS);
    }
    state.producersDone();
  }

  private void enqueueMany(long from, int n) {
    try {
      List<String> stamped = new ArrayList<>(n);
      List<String> keyed = keys == null ? null : new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        stamped.add(payloads.stamped());
        if (keyed != null) {
          keyed.add(keys.apply(from + i));
        }
      }
      api.enqueueBatch(agent, function, stamped, keyed);
      for (int i = 0; i < n; i++) {
        state.accepted();
      }
    } catch (RuntimeException e) {
      state.failed(e);
    }
  }

  private void enqueueOne(long seq) {
    try {
      String answer =
          api.enqueue(agent, function, payloads.stamped(), keys == null ? null : keys.apply(seq));
      onAccepted.accepted(answer, System.nanoTime());
      state.accepted();
    } catch (RuntimeException e) {
      state.failed(e);
    }
  }
}
