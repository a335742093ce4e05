package dev.agentdispatch.store.sql;

import dev.agentdispatch.store.llm.Admission;
import dev.agentdispatch.store.llm.BudgetUsage;
import dev.agentdispatch.store.llm.Hold;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Budget holds kept in this node's memory instead of the database, for a store only one node writes
 * (SQLite: one server owns its file). Admitting a call then costs no write and, mostly, no read:
 * nothing is lost by keeping holds here, since they only stand for calls in flight on this node,
 * which die with it.
 *
 * <p>Per budget scope and month this node keeps the committed counters as it last read them, plus
 * what it holds for calls in flight and the costs of settled calls whose records are queued. A
 * settled call's real cost takes its estimate's place before its record is queued, and moves to the
 * committed spend when the record has committed: every call is counted at every moment, and all of
 * it under one lock per namespace, so admissions see a consistent sum. The committed counters are
 * read again when nothing of the scope is queued and the copy is older than {@link #FRESH} (then no
 * commit can fall between the read and the copy); only this node writes them, so the copy is exact
 * meanwhile.
 */
final class LocalHolds {
  /** How long a copy of the committed counters is used without reading them again. */
  static final Duration FRESH = Duration.ofSeconds(1);

  private record Key(String namespace, String scope, String month) {}

  /** One scope's month. Guarded by its namespace's lock. */
  private static final class Counter {
    boolean loaded;
    long loadedAtNanos;
    long spent;
    long dbReserved;
    long held;
    long settling;
    int queued;
  }

  private record Part(Key key, long micros) {}

  private record Taken(List<Part> parts, Instant expiresAt) {}

  /** What a settlement holds until its record has committed. */
  record Settling(List<String> scopes, long micros) {}

  private final Map<Key, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Taken> byReservation = new ConcurrentHashMap<>();
  private final ReentrantLock[] locks = new ReentrantLock[64];

  LocalHolds() {
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  private ReentrantLock lock(String namespace) {
    return locks[Math.floorMod(namespace.hashCode(), locks.length)];
  }

  private Counter counter(Key k) {
    return counters.computeIfAbsent(k, x -> new Counter());
  }

  /**
   * Takes every hold or none, each only if {@code spent + reserved + hold <= limit}, where spent
   * and reserved are the committed counters plus what this node holds and has queued.
   *
   * @param ordered the holds in scope order
   * @param committed reads a scope's committed counters from the database
   */
  Admission admit(
      String namespace,
      String reservationId,
      String month,
      List<Hold> ordered,
      Instant expiresAt,
      Function<String, BudgetUsage> committed) {
    ReentrantLock lock = lock(namespace);
    lock.lock();
    try {
      List<Part> parts = new ArrayList<>(ordered.size());
      for (Hold h : ordered) {
        Key k = new Key(namespace, h.scope(), month);
        Counter c = counter(k);
        long spent;
        long reserved;
        if (fresh(c)) {
          spent = c.spent;
          reserved = c.dbReserved + c.held + c.settling;
        } else {
          BudgetUsage u = committed.apply(h.scope());
          if (c.queued == 0) {
            // Nothing of this scope is queued: no commit can change the counters but ours.
            c.loaded = true;
            c.loadedAtNanos = System.nanoTime();
            c.spent = u.spentMicros();
            c.dbReserved = u.reservedMicros();
          }
          // Else a queued cost may be in what was read and in 'settling' too: counted twice at
          // worst, which only refuses more.
          spent = u.spentMicros();
          reserved = u.reservedMicros() + c.held + c.settling;
        }
        if (spent + reserved + h.micros() > h.limitMicros()) {
          return new Admission.Refused(h.scope(), h.limitMicros(), spent, reserved, h.micros());
        }
        parts.add(new Part(k, h.micros()));
      }
      for (Part p : parts) {
        counter(p.key()).held += p.micros();
      }
      byReservation.put(reservationId, new Taken(List.copyOf(parts), expiresAt));
      return new Admission.Admitted(reservationId);
    } finally {
      lock.unlock();
    }
  }

  private static boolean fresh(Counter c) {
    return c.loaded && (c.queued > 0 || System.nanoTime() - c.loadedAtNanos < FRESH.toNanos());
  }

  /**
   * What this node holds and has queued against a scope's month, on top of its committed counters.
   */
  long reserved(String namespace, String scope, String month) {
    ReentrantLock lock = lock(namespace);
    lock.lock();
    try {
      Counter c = counters.get(new Key(namespace, scope, month));
      return c == null ? 0 : c.held + c.settling;
    } finally {
      lock.unlock();
    }
  }

  /**
   * A call settles: its cost is held against {@code scopes} until its record commits, and its
   * reservation's holds (if it had any still) are let go.
   */
  Settling settling(
      String namespace, String reservationId, String month, List<String> scopes, long micros) {
    ReentrantLock lock = lock(namespace);
    lock.lock();
    try {
      for (String s : scopes) {
        Counter c = counter(new Key(namespace, s, month));
        c.settling += micros;
        c.queued++;
      }
      if (reservationId != null) {
        Taken t = byReservation.remove(reservationId);
        if (t != null) {
          release(t);
        }
      }
      return new Settling(List.copyOf(scopes), micros);
    } finally {
      lock.unlock();
    }
  }

  /** The settlement's record committed: its cost is in the committed counters now. */
  void settled(String namespace, String month, Settling s) {
    ReentrantLock lock = lock(namespace);
    lock.lock();
    try {
      for (String scope : s.scopes()) {
        Counter c = counter(new Key(namespace, scope, month));
        c.settling -= s.micros();
        c.spent += s.micros();
        c.queued--;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * The settlement's record failed: its cost stays held until {@code expiresAt}, as a hold of a
   * call nobody settled would.
   */
  void unsettled(
      String namespace, String reservationId, String month, Settling s, Instant expiresAt) {
    ReentrantLock lock = lock(namespace);
    lock.lock();
    try {
      List<Part> parts = new ArrayList<>();
      for (String scope : s.scopes()) {
        Key k = new Key(namespace, scope, month);
        Counter c = counter(k);
        c.settling -= s.micros();
        c.held += s.micros();
        c.queued--;
        parts.add(new Part(k, s.micros()));
      }
      byReservation.put(reservationId, new Taken(List.copyOf(parts), expiresAt));
    } finally {
      lock.unlock();
    }
  }

  /** Gives back up to {@code limit} holds whose expiry passed; returns how many. */
  int releaseExpired(Instant now, int limit) {
    forgetPastMonths(LlmBudgetRows.month(YearMonth.from(now.atOffset(ZoneOffset.UTC))));
    int released = 0;
    for (var e : byReservation.entrySet()) {
      if (released >= limit) {
        break;
      }
      Taken t = e.getValue();
      if (t.expiresAt().isBefore(now) && byReservation.remove(e.getKey(), t)) {
        ReentrantLock lock = lock(t.parts().getFirst().key().namespace());
        lock.lock();
        try {
          release(t);
        } finally {
          lock.unlock();
        }
        released++;
      }
    }
    return released;
  }

  /** The database's holds changed (expired ones were released): read the counters again. */
  void forget() {
    for (var e : counters.entrySet()) {
      ReentrantLock lock = lock(e.getKey().namespace());
      lock.lock();
      try {
        e.getValue().loaded = false;
      } finally {
        lock.unlock();
      }
    }
  }

  /** Drops the copies of months before {@code current} that nothing is held or queued against. */
  private void forgetPastMonths(String current) {
    for (var e : counters.entrySet()) {
      if (e.getKey().month().compareTo(current) >= 0) {
        continue;
      }
      ReentrantLock lock = lock(e.getKey().namespace());
      lock.lock();
      try {
        Counter c = e.getValue();
        if (c.held == 0 && c.settling == 0 && c.queued == 0) {
          counters.remove(e.getKey());
        }
      } finally {
        lock.unlock();
      }
    }
  }

  private void release(Taken t) {
    for (Part p : t.parts()) {
      counter(p.key()).held -= p.micros();
    }
  }
}
