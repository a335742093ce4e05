package dev.agentdispatch.server.app.workers;

import dev.agentdispatch.server.app.signals.Parking;
import dev.agentdispatch.store.StoreEvent;
import dev.agentdispatch.store.StoreListener;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes long-polling lease requests in-process the instant work for them commits (DESIGN §6): no
 * sleep-and-poll on the hot path. Work that becomes available later (a retry's backoff, a delay) is
 * woken by a timer at that moment.
 *
 * <p>Each new item wakes one waiting poll that serves its function, oldest first, rather than every
 * poll of the agent: woken polls all claim, and all but one would claim nothing, each an empty
 * write. A per-agent version counter closes the gap between a poll's empty claim and its wait: a
 * poll waits only while the version it read before claiming is current, so a wake-up in between is
 * never lost.
 *
 * <p>Entries are bounded (issue 19: polls for made-up agent names): past {@link #MAX_ENTRIES}, the
 * entries no poll waits on are retired. Versions come from one counter, so no two entries ever
 * share one, and a poll whose entry was retired finds a version it did not read (or the retired
 * mark) and returns at once to claim again: retiring never loses a wake-up.
 */
public final class WorkSignals implements StoreListener, AutoCloseable {
  private final Map<String, Agent> agents = new ConcurrentHashMap<>();
  private final AtomicLong versions = new AtomicLong();

  /** Agents with an entry before idle ones are retired. */
  static final int MAX_ENTRIES = 10_000;

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("work-signal-timer").daemon(true).unstarted(r));
  private final Clock clock;
  private volatile boolean closed;

  public WorkSignals(Clock clock) {
    this.clock = clock;
  }

  /** The waiting polls of one agent. */
  private static final class Agent {
    final ReentrantLock lock = new ReentrantLock();
    final List<Ticket> waiting = new ArrayList<>();
    long version;
    boolean retired;

    Agent(long version) {
      this.version = version;
    }
  }

  /** One waiting poll: the functions it serves (empty: all), and whether it has been woken. */
  private static final class Ticket {
    final Set<String> functions;
    final Condition woken;
    boolean wakeUp;

    Ticket(Set<String> functions, Condition woken) {
      this.functions = functions;
      this.woken = woken;
    }

    /** {@code function} empty: work of any function (a resumed agent). */
    boolean serves(String function) {
      return functions.isEmpty() || function.isEmpty() || functions.contains(function);
    }
  }

  /**
   * The current version for {@code agent}; read it before claiming, pass it to {@link #awaitWork}.
   */
  public long version(String namespace, String agent) {
    Agent a = agent(namespace, agent);
    a.lock.lock();
    try {
      return a.version;
    } finally {
      a.lock.unlock();
    }
  }

  /**
   * Waits until work for one of {@code functions} (empty: any) is signalled, the version moved past
   * {@code seen}, or {@code timeout} passed.
   *
   * @throws Parking.CallerGone when the caller of the request waiting hangs up ({@link Parking})
   */
  public void awaitWork(
      String namespace, String agent, Set<String> functions, long seen, Duration timeout)
      throws InterruptedException {
    Agent a = agent(namespace, agent);
    Parking.park(() -> {
      long nanos = timeout.toNanos();
      a.lock.lock();
      try {
        if (a.version != seen || a.retired || closed) {
          return;
        }
        Ticket t = new Ticket(functions, a.lock.newCondition());
        a.waiting.add(t);
        try {
          while (!t.wakeUp && nanos > 0 && !closed) {
            nanos = t.woken.awaitNanos(nanos);
          }
        } finally {
          a.waiting.remove(t);
        }
      } finally {
        a.lock.unlock();
      }
    });
  }

  /**
   * Wakes the oldest waiting poll that serves {@code function}. With no entry for the agent no poll
   * read a version that this wake-up could invalidate, so there is nothing to do.
   */
  public void wake(String namespace, String agent, String function) {
    Agent a = agents.get(namespace + "/" + agent);
    if (a == null) {
      return;
    }
    a.lock.lock();
    try {
      a.version = versions.incrementAndGet();
      for (Ticket t : a.waiting) {
        if (!t.wakeUp && t.serves(function)) {
          t.wakeUp = true;
          t.woken.signal();
          return;
        }
      }
    } finally {
      a.lock.unlock();
    }
  }

  private void wakeAll(Agent a) {
    a.lock.lock();
    try {
      a.version = versions.incrementAndGet();
      for (Ticket t : a.waiting) {
        t.wakeUp = true;
        t.woken.signal();
      }
    } finally {
      a.lock.unlock();
    }
  }

  @Override
  public void onEvent(StoreEvent event) {
    if (event instanceof StoreEvent.WorkAvailable w) {
      long delayMs = Duration.between(clock.instant(), w.availableAt()).toMillis();
      if (delayMs <= 0) {
        wake(w.namespace(), w.agent(), w.function());
      } else if (!closed) {
        timer.schedule(
            () -> wake(w.namespace(), w.agent(), w.function()), delayMs + 1, TimeUnit.MILLISECONDS);
      }
    }
  }

  private Agent agent(String namespace, String agent) {
    if (agents.size() >= MAX_ENTRIES) {
      retireIdle();
    }
    return agents.computeIfAbsent(
        namespace + "/" + agent, k -> new Agent(versions.incrementAndGet()));
  }

  /** Drops the entries no poll waits on; their next poll makes a new one. */
  private void retireIdle() {
    for (Map.Entry<String, Agent> e : agents.entrySet()) {
      Agent a = e.getValue();
      if (a.lock.tryLock()) {
        try {
          if (a.waiting.isEmpty()) {
            a.retired = true;
            agents.remove(e.getKey(), a);
          }
        } finally {
          a.lock.unlock();
        }
      }
    }
  }

  /** How many agents have an entry now, for tests. */
  int entries() {
    return agents.size();
  }

  /** Releases every waiting poll (they return what they have) and stops the timer. */
  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
    agents.values().forEach(this::wakeAll);
  }

  /** How many lease polls wait for work now, for tests and metrics. */
  public int waiting() {
    int n = 0;
    for (Agent a : agents.values()) {
      a.lock.lock();
      try {
        n += a.waiting.size();
      } finally {
        a.lock.unlock();
      }
    }
    return n;
  }

  public boolean closed() {
    return closed;
  }
}
