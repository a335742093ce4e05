package dev.agentdispatch.server.workers;

import dev.agentdispatch.store.StoreEvent;
import dev.agentdispatch.store.StoreListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes long-polling lease requests in-process the instant work for their agent commits (DESIGN §6): no
 * sleep-and-poll on the hot path. Work that becomes available later (a retry's backoff, a delay) is woken
 * by a timer at that moment.
 *
 * <p>Each agent has a version counter: a poller reads it before trying to claim and, if the claim came
 * back empty, waits only while the version is unchanged, so a wake-up between the two is never lost.
 */
public final class WorkSignals implements StoreListener, AutoCloseable {
  private final Map<String, Signal> signals = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("work-signal-timer").daemon(true).unstarted(r));
  private final Clock clock;
  private volatile boolean closed;

  public WorkSignals(Clock clock) {
    this.clock = clock;
  }

  private static final class Signal {
    final ReentrantLock lock = new ReentrantLock();
    final Condition changed = lock.newCondition();
    long version;
  }

  /** The current version for {@code agent}; pass it to {@link #awaitChange}. */
  public long version(String namespace, String agent) {
    Signal s = signal(namespace, agent);
    s.lock.lock();
    try {
      return s.version;
    } finally {
      s.lock.unlock();
    }
  }

  /** Waits until the version moves past {@code seen} or {@code timeout} passes. */
  public void awaitChange(String namespace, String agent, long seen, Duration timeout) throws InterruptedException {
    Signal s = signal(namespace, agent);
    long nanos = timeout.toNanos();
    s.lock.lock();
    try {
      while (s.version == seen && nanos > 0 && !closed) {
        nanos = s.changed.awaitNanos(nanos);
      }
    } finally {
      s.lock.unlock();
    }
  }

  public void wake(String namespace, String agent) {
    Signal s = signal(namespace, agent);
    s.lock.lock();
    try {
      s.version++;
      s.changed.signalAll();
    } finally {
      s.lock.unlock();
    }
  }

  @Override
  public void onEvent(StoreEvent event) {
    if (event instanceof StoreEvent.WorkAvailable w) {
      long delayMs = Duration.between(clock.instant(), w.availableAt()).toMillis();
      if (delayMs <= 0) {
        wake(w.namespace(), w.agent());
      } else if (!closed) {
        timer.schedule(() -> wake(w.namespace(), w.agent()), delayMs + 1, TimeUnit.MILLISECONDS);
      }
    }
  }

  private Signal signal(String namespace, String agent) {
    return signals.computeIfAbsent(namespace + "/" + agent, k -> new Signal());
  }

  /** Releases every waiting poller (they return what they have) and stops the timer. */
  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
    for (Map.Entry<String, Signal> e : signals.entrySet()) {
      String[] parts = e.getKey().split("/", 2);
      wake(parts[0], parts[1]);
    }
  }

  public boolean closed() {
    return closed;
  }

  Instant now() {
    return clock.instant();
  }
}
