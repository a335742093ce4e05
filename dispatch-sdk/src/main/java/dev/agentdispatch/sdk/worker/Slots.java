package dev.agentdispatch.sdk.worker;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** The worker's free handler slots: it never leases more work than it can run at once. */
final class Slots {
  private final int capacity;
  private final Semaphore free;

  Slots(int capacity) {
    this.capacity = capacity;
    this.free = new Semaphore(capacity);
  }

  /** Waits for at least one free slot, then takes every free slot. */
  int takeAllFree() throws InterruptedException {
    free.acquire();
    return 1 + free.drainPermits();
  }

  /** Takes slots without waiting for them to be free, for leases the server granted in excess. */
  void takeOverdraft(int count) throws InterruptedException {
    free.acquire(count);
  }

  void release(int count) {
    if (count > 0) {
      free.release(count);
    }
  }

  int available() {
    return free.availablePermits();
  }

  /** Waits until no handler runs; true when that happened within the timeout. */
  boolean awaitAllFree(Duration timeout) throws InterruptedException {
    if (!free.tryAcquire(capacity, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return false;
    }
    free.release(capacity);
    return true;
  }
}
