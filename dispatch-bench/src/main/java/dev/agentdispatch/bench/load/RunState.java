package dev.agentdispatch.bench.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What producers and workers of one run share: how many invocations were accepted and completed,
 * when the run must stop at the latest, and when the last completion landed.
 */
public final class RunState {
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong leased = new AtomicLong();
  private final AtomicLong leaseCalls = new AtomicLong();
  private final AtomicLong emptyLeaseCalls = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final long startNanos = System.nanoTime();
  private final long deadlineNanos;
  private volatile boolean producersDone;
  private volatile long lastCompletionNanos;
  private volatile String firstFailure;

  public RunState(long maxNanos) {
    this.deadlineNanos = startNanos + maxNanos;
  }

  public void accepted() {
    accepted.incrementAndGet();
  }

  /**
   * Counts invocations the server created on its own (an event's fan-out, a pre-filled backlog).
   */
  public void accepted(long n) {
    accepted.addAndGet(n);
  }

  /**
   * One lease call came back with {@code n} leases (0: the long-poll ended empty or lost the race).
   */
  public void leased(int n) {
    leased.addAndGet(n);
    leaseCalls.incrementAndGet();
    if (n == 0) {
      emptyLeaseCalls.incrementAndGet();
    }
  }

  public void completed(int n) {
    completed.addAndGet(n);
    lastCompletionNanos = System.nanoTime();
  }

  public void failed(RuntimeException e) {
    if (failures.getAndIncrement() == 0) {
      firstFailure = e.getMessage();
    }
  }

  public void producersDone() {
    producersDone = true;
  }

  /**
   * True once every accepted invocation is completed after the producers stopped, or time is up.
   */
  public boolean finished() {
    return (producersDone && completed.get() >= accepted.get()) || timedOut();
  }

  public boolean timedOut() {
    return System.nanoTime() >= deadlineNanos;
  }

  public long remainingMillis() {
    return Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
  }

  public long startNanos() {
    return startNanos;
  }

  public long lastCompletionNanos() {
    return lastCompletionNanos;
  }

  public long acceptedCount() {
    return accepted.get();
  }

  public long completedCount() {
    return completed.get();
  }

  public long leasedCount() {
    return leased.get();
  }

  public long leaseCallCount() {
    return leaseCalls.get();
  }

  public long emptyLeaseCallCount() {
    return emptyLeaseCalls.get();
  }

  public long failureCount() {
    return failures.get();
  }

  public String firstFailure() {
    return firstFailure;
  }
}
