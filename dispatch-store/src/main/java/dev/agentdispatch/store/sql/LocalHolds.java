package dev.agentdispatch.store.sql;

import dev.agentdispatch.store.llm.Admission;
import dev.agentdispatch.store.llm.BudgetUsage;
import dev.agentdispatch.store.llm.Hold;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Budget holds kept in this node's memory instead of the database, for a store only one node writes
 * (SQLite: one server owns its file). Admitting a call then costs a read of the committed counters
 * and no write, and nothing is lost by keeping them here: holds only stand for calls in flight on
 * this node, which die with it.
 *
 * <p>A call is counted, at every moment, in the memory of this node or in the committed spend (or
 * both, briefly, which only refuses more): an admission holds its estimate here; when it settles,
 * its real cost replaces the estimate here before its record is queued, and leaves only after the
 * record (which adds the cost to the counters) committed. Admission reads this node's part before
 * the committed part, so a settlement committing in between is counted twice, never not at all.
 */
final class LocalHolds {
  private record Key(String namespace, String scope, String month) {}

  private record Part(Key key, long micros) {}

  private record Taken(List<Part> parts, Instant expiresAt) {
    void release(LocalHolds holds) {
      parts.forEach(p -> holds.add(p.key(), -p.micros()));
    }
  }

  /** What a settlement holds until its record has committed. */
  record Settling(List<String> scopes, long micros) {}

  private final Map<Key, Long> reserved = new ConcurrentHashMap<>();
  private final Map<String, Taken> byReservation = new ConcurrentHashMap<>();
  private final Object[] locks = new Object[64];

  LocalHolds() {
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
  }

  /**
   * Takes every hold or none, each only if {@code spent + reserved + hold <= limit}, where spent
   * and reserved are the committed counters plus what this node holds.
   *
   * @param ordered the holds in scope order
   * @param committed reads a scope's committed counters
   */
  Admission admit(
      String namespace,
      String reservationId,
      String month,
      List<Hold> ordered,
      Instant expiresAt,
      Function<String, BudgetUsage> committed) {
    // Admissions of one namespace (its agents' and its own budgets) decide one at a time.
    synchronized (locks[Math.floorMod(namespace.hashCode(), locks.length)]) {
      long[] here = new long[ordered.size()];
      for (int i = 0; i < here.length; i++) {
        here[i] = reserved(new Key(namespace, ordered.get(i).scope(), month));
      }
      for (int i = 0; i < here.length; i++) {
        Hold h = ordered.get(i);
        BudgetUsage u = committed.apply(h.scope());
        long held = u.reservedMicros() + here[i];
        if (u.spentMicros() + held + h.micros() > h.limitMicros()) {
          return new Admission.Refused(
              h.scope(), h.limitMicros(), u.spentMicros(), held, h.micros());
        }
      }
      List<Part> parts = new ArrayList<>();
      for (Hold h : ordered) {
        Part p = new Part(new Key(namespace, h.scope(), month), h.micros());
        parts.add(p);
        add(p.key(), p.micros());
      }
      byReservation.put(reservationId, new Taken(parts, expiresAt));
      return new Admission.Admitted(reservationId);
    }
  }

  /** What this node holds against a scope's month, on top of its committed counters. */
  long reserved(String namespace, String scope, String month) {
    return reserved(new Key(namespace, scope, month));
  }

  /**
   * A call settles: its cost is held against {@code scopes} until its record commits, then its
   * reservation's holds (if it had any still) are let go.
   */
  Settling settling(
      String namespace, String reservationId, String month, List<String> scopes, long micros) {
    for (String s : scopes) {
      add(new Key(namespace, s, month), micros);
    }
    if (reservationId != null) {
      Taken t = byReservation.remove(reservationId);
      if (t != null) {
        t.release(this);
      }
    }
    return new Settling(List.copyOf(scopes), micros);
  }

  /** The settlement's record committed: its cost is in the counters now. */
  void settled(String namespace, String month, Settling s) {
    for (String scope : s.scopes()) {
      add(new Key(namespace, scope, month), -s.micros());
    }
  }

  /**
   * The settlement's record failed: its cost stays held until {@code expiresAt}, as a hold of a
   * call nobody settled would.
   */
  void unsettled(
      String namespace, String reservationId, String month, Settling s, Instant expiresAt) {
    List<Part> parts =
        s.scopes().stream()
            .map(scope -> new Part(new Key(namespace, scope, month), s.micros()))
            .toList();
    byReservation.put(reservationId, new Taken(parts, expiresAt));
  }

  /** Gives back up to {@code limit} holds whose expiry passed; returns how many. */
  int releaseExpired(Instant now, int limit) {
    int released = 0;
    for (var e : byReservation.entrySet()) {
      if (released >= limit) {
        break;
      }
      if (e.getValue().expiresAt().isBefore(now)
          && byReservation.remove(e.getKey(), e.getValue())) {
        e.getValue().release(this);
        released++;
      }
    }
    return released;
  }

  private long reserved(Key k) {
    Long v = reserved.get(k);
    return v == null ? 0 : v;
  }

  private void add(Key k, long delta) {
    if (delta != 0) {
      reserved.compute(
          k,
          (key, v) -> {
            long n = (v == null ? 0 : v) + delta;
            return n == 0 ? null : n;
          });
    }
  }
}
