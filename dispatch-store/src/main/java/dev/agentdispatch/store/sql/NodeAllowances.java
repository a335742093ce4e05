package dev.agentdispatch.store.sql;

import static dev.agentdispatch.store.sql.Sql.bindAll;

import dev.agentdispatch.store.llm.Admission;
import dev.agentdispatch.store.llm.BudgetUsage;
import dev.agentdispatch.store.llm.Hold;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Budget allowances of one node of a cluster (PostgreSQL): shares of a budget this node reserved in
 * the database, so that admitting a call far from its budget's edge costs no round trip and locks
 * no row that every node's calls would queue on.
 *
 * <p>An allowance is one hold row per (namespace, scope, month) of this node, counted in the
 * scope's {@code reserved_micros} like any call's hold. This node admits calls against it in
 * memory: a call holds its estimate from the allowance while in flight, and its cost is charged to
 * the allowance once it settles, until the record's batch commits and moves that cost from the
 * allowance's reservation to the scope's spend. So at every moment every other node sees this
 * node's calls as reserved, and the sum of all nodes' allowances and holds never passes a limit: a
 * budget holds across the cluster exactly as with one hold row per call. A call that needs more
 * than its allowance has free tops the allowance up by what it lacks plus a share ({@code
 * 1/}{@value #SHARE}) of what is left of the budget: far from the edge one round trip admits
 * thousands of calls; near it, grants shrink to one call's estimate, which is per-call admission
 * again.
 *
 * <p>What it costs: an allowance another node holds and does not use is reserved for up to {@link
 * #IDLE} after that node's last call (then it is given back), so near the edge a call on one node
 * can be refused while another node's allowance sits idle. Every allowance row expires {@link #TTL}
 * after it was last renewed; a live node renews the rows it uses, and a dead node's rows are
 * released by the leader's sweep like any expired hold.
 */
final class NodeAllowances implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NodeAllowances.class);

  /** A top-up takes what the call lacks plus this fraction of what is left: 1/8. */
  static final int SHARE = 8;

  /** How long an unused allowance stays with this node after its last call. */
  static final Duration IDLE = Duration.ofSeconds(1);

  /** How long an allowance row lives without renewal (a dead node's rows are swept after it). */
  static final Duration TTL = Duration.ofSeconds(30);

  /** One budget scope's month. */
  record Key(String namespace, String scope, String month) {}

  /** This node's allowance on one key. Guarded by its namespace's lock. */
  private static final class Allowance {
    /** The row's micros as this node last changed them. */
    long granted;

    /** Estimates of the calls in flight admitted against it. */
    long held;

    /** Costs of settled calls whose records have not committed yet. */
    long charged;

    /** The scope's limit when it was granted: another limit means the budget changed. */
    long limit;

    long lastUsedNanos;
    Instant renewBy = Instant.MAX;
    boolean givingBack;

    /** Serialises this node's transactions on the row (top-up, give back, renewal). */
    final ReentrantLock rowLock = new ReentrantLock();

    long free() {
      return granted - held - charged;
    }
  }

  /** One scope of an admitted call, and what it holds there. */
  record Part(Key key, long micros) {}

  private record Taken(List<Part> parts, Instant expiresAt) {}

  /** The allowances a settled call's cost is charged to until its record commits. */
  record Charged(List<Key> keys, long micros) {
    static final Charged NONE = new Charged(List.of(), 0);
  }

  private record Lack(Hold hold, Key key, long need, long free) {}

  private sealed interface TopUp {
    record Granted(Map<Key, Long> grants) implements TopUp {}

    record Refused(Admission.Refused refusal) implements TopUp {}
  }

  private final Transactor db;
  private final LlmBudgetRows rows;
  private final String holder = "allowance:" + UUID.randomUUID();
  private final Map<Key, Allowance> allowances = new ConcurrentHashMap<>();
  private final Map<String, Taken> byReservation = new ConcurrentHashMap<>();
  private final ReentrantLock[] locks = new ReentrantLock[64];
  private final ScheduledExecutorService upkeep =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("llm-allowances").factory());

  NodeAllowances(Transactor db, Dialect dialect) {
    this.db = db;
    this.rows = new LlmBudgetRows(dialect);
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new ReentrantLock();
    }
    upkeep.scheduleWithFixedDelay(this::maintain, 250, 250, TimeUnit.MILLISECONDS);
  }

  private ReentrantLock lock(String namespace) {
    return locks[Math.floorMod(namespace.hashCode(), locks.length)];
  }

  private Allowance allowance(Key k) {
    return allowances.computeIfAbsent(k, x -> new Allowance());
  }

  /** The hold row of this node's allowance on a scope's month (unique per node and key). */
  String reservationId(Key k) {
    return holder + ":" + k.month() + ":" + k.namespace();
  }

  /**
   * Admits a call against this node's allowances, topping them up from the budget as needed.
   *
   * @param ordered the holds in scope order
   * @return empty when the allowances cannot decide (a budget's limit changed, an allowance is
   *     being given back, or others took the top-up first twice): the caller admits with a hold row
   *     of the call's own
   */
  Optional<Admission> admit(
      String namespace, String reservationId, String month, List<Hold> ordered, Instant expires) {
    for (int attempt = 0; attempt < 3; attempt++) {
      List<Lack> lacking = new ArrayList<>();
      ReentrantLock lock = lock(namespace);
      lock.lock();
      try {
        for (Hold h : ordered) {
          Key k = new Key(namespace, h.scope(), month);
          Allowance a = allowance(k);
          if (a.givingBack || (a.granted > 0 && a.limit != h.limitMicros())) {
            return Optional.empty();
          }
          if (a.free() < h.micros()) {
            long free = Math.max(0, a.free());
            lacking.add(new Lack(h, k, h.micros() - free, free));
          }
        }
        if (lacking.isEmpty()) {
          take(reservationId, namespace, month, ordered, expires);
          return Optional.of(new Admission.Admitted(reservationId));
        }
      } finally {
        lock.unlock();
      }
      if (topUp(namespace, lacking) instanceof TopUp.Refused r) {
        return Optional.of(r.refusal());
      }
    }
    return Optional.empty();
  }

  private void take(
      String reservationId, String namespace, String month, List<Hold> ordered, Instant expires) {
    long now = System.nanoTime();
    List<Part> parts = new ArrayList<>(ordered.size());
    for (Hold h : ordered) {
      Key k = new Key(namespace, h.scope(), month);
      Allowance a = allowance(k);
      a.held += h.micros();
      a.lastUsedNanos = now;
      parts.add(new Part(k, h.micros()));
    }
    byReservation.put(reservationId, new Taken(List.copyOf(parts), expires));
  }

  /**
   * Grants every lacking scope what it lacks plus a share of what is left, all or none, in one
   * transaction: the allowance rows first, then the counter rows in scope order (the lock order of
   * every transaction on these tables).
   */
  private TopUp topUp(String namespace, List<Lack> lacking) {
    List<Allowance> held = new ArrayList<>();
    try {
      for (Lack l : lacking) {
        Allowance a = allowance(l.key());
        a.rowLock.lock();
        held.add(a);
      }
      Instant renewBy = Instant.now().plus(TTL);
      TopUp result =
          db.write(tx -> {
            Connection c = tx.connection();
            for (Lack l : lacking) {
              lockRow(c, l.key());
            }
            for (Lack l : lacking) {
              rows.ensure(c, namespace, l.hold().scope(), l.key().month());
            }
            Map<Key, Long> grants = new HashMap<>();
            for (Lack l : lacking) {
              BudgetUsage u = rows.lock(c, namespace, l.hold().scope(), l.key().month());
              long left = l.hold().limitMicros() - u.spentMicros() - u.reservedMicros();
              if (left < l.need()) {
                return new TopUp.Refused(
                    new Admission.Refused(
                        l.hold().scope(),
                        l.hold().limitMicros(),
                        u.spentMicros(),
                        Math.max(0, u.reservedMicros() - l.free()),
                        l.hold().micros()));
              }
              grants.put(l.key(), grant(l, left));
            }
            for (Lack l : lacking) {
              long g = grants.get(l.key());
              rows.reserve(c, namespace, l.hold().scope(), l.key().month(), g);
              grow(c, l.key(), g, renewBy);
            }
            return new TopUp.Granted(grants);
          });
      if (result instanceof TopUp.Granted g) {
        ReentrantLock lock = lock(namespace);
        lock.lock();
        try {
          for (Lack l : lacking) {
            Allowance a = allowance(l.key());
            a.granted += g.grants().get(l.key());
            a.limit = l.hold().limitMicros();
            a.renewBy = renewBy.minus(TTL.dividedBy(2));
            a.lastUsedNanos = System.nanoTime();
          }
        } finally {
          lock.unlock();
        }
      }
      return result;
    } finally {
      for (Allowance a : held) {
        a.rowLock.unlock();
      }
    }
  }

  /**
   * What a top-up takes: what the call lacks, plus whole calls of its size up to a share of what is
   * left. Whole calls, so that calls of one size leave no unusable remainder on any node.
   */
  private static long grant(Lack l, long left) {
    long micros = Math.max(1, l.hold().micros());
    long extra = Math.max(0, left / SHARE - l.need()) / micros * micros;
    return Math.min(left, l.need() + extra);
  }

  private void lockRow(Connection c, Key k) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT micros FROM llm_holds WHERE reservation_id = ? AND scope = ? FOR UPDATE")) {
      bindAll(ps, reservationId(k), k.scope());
      ps.executeQuery().close();
    }
  }

  private void grow(Connection c, Key k, long micros, Instant expires) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO llm_holds (reservation_id, namespace, scope, month, micros, expires_at)"
                + " VALUES (?,?,?,?,?,?) ON CONFLICT (reservation_id, scope) DO UPDATE SET"
                + " micros = llm_holds.micros + excluded.micros, expires_at = excluded.expires_at")) {
      bindAll(ps, reservationId(k), k.namespace(), k.scope(), k.month(), micros, expires);
      ps.executeUpdate();
    }
  }

  /**
   * A call settles: its estimates are let go and its cost is charged to the allowances it was
   * admitted against, until its record commits ({@link #flushed}). {@link Charged#NONE} when this
   * node did not admit it (it holds a row of its own, or its hold expired).
   */
  Charged settle(String namespace, Optional<String> reservationId, long cost) {
    if (reservationId.isEmpty()) {
      return Charged.NONE;
    }
    ReentrantLock lock = lock(namespace);
    lock.lock();
    try {
      Taken t = byReservation.remove(reservationId.get());
      if (t == null) {
        return Charged.NONE;
      }
      long now = System.nanoTime();
      List<Key> keys = new ArrayList<>(t.parts().size());
      for (Part p : t.parts()) {
        Allowance a = allowance(p.key());
        a.held -= p.micros();
        a.charged += cost;
        a.lastUsedNanos = now;
        keys.add(p.key());
      }
      return new Charged(List.copyOf(keys), cost);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Moves up to {@code micros} of a settled cost from this node's allowance row to the scope's
   * spend, inside the record's transaction; returns how much the row gave (less when the cost
   * passed the allowance, nothing when the row is gone).
   */
  long releaseCharged(Connection c, Key k, long micros) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE llm_holds h SET micros = greatest(h.micros - ?, 0) FROM (SELECT micros FROM"
                + " llm_holds WHERE reservation_id = ? AND scope = ? FOR UPDATE) old"
                + " WHERE h.reservation_id = ? AND h.scope = ? RETURNING old.micros")) {
      bindAll(ps, micros, reservationId(k), k.scope(), reservationId(k), k.scope());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Math.min(micros, rs.getLong(1)) : 0;
      }
    }
  }

  /** A batch of records committed: their costs left the allowances ({@code released} per key). */
  void flushed(Map<Key, Long> charged, Map<Key, Long> released) {
    for (var e : charged.entrySet()) {
      Key k = e.getKey();
      ReentrantLock lock = lock(k.namespace());
      lock.lock();
      try {
        Allowance a = allowance(k);
        a.charged -= e.getValue();
        long gave = released.getOrDefault(k, 0L);
        // Less than the cost: it passed what the row held (or the row was swept), which is 0 now.
        a.granted = gave < e.getValue() ? 0 : Math.max(0, a.granted - gave);
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * A record failed: its cost stays held against the allowances for {@code holdFor}, as a call
   * nobody settled would.
   */
  void unsettled(String namespace, String id, Charged c, Duration holdFor) {
    if (c.keys().isEmpty()) {
      return;
    }
    ReentrantLock lock = lock(namespace);
    lock.lock();
    try {
      List<Part> parts = new ArrayList<>();
      for (Key k : c.keys()) {
        Allowance a = allowance(k);
        a.charged -= c.micros();
        a.held += c.micros();
        parts.add(new Part(k, c.micros()));
      }
      byReservation.put(id, new Taken(List.copyOf(parts), Instant.now().plus(holdFor)));
    } finally {
      lock.unlock();
    }
  }

  /** What this node's allowances hold free on a key: reserved in the database, used by nobody. */
  long free(String namespace, String scope, String month) {
    ReentrantLock lock = lock(namespace);
    lock.lock();
    try {
      Allowance a = allowances.get(new Key(namespace, scope, month));
      return a == null ? 0 : Math.max(0, a.free());
    } finally {
      lock.unlock();
    }
  }

  /** Lets go of up to {@code limit} calls in flight whose holds expired; returns how many. */
  int releaseExpired(Instant now, int limit) {
    int released = 0;
    for (var e : byReservation.entrySet()) {
      if (released >= limit) {
        break;
      }
      Taken t = e.getValue();
      if (!t.expiresAt().isAfter(now)) {
        ReentrantLock lock = lock(t.parts().getFirst().key().namespace());
        lock.lock();
        try {
          if (byReservation.remove(e.getKey(), t)) {
            for (Part p : t.parts()) {
              allowance(p.key()).held -= p.micros();
            }
            released++;
          }
        } finally {
          lock.unlock();
        }
      }
    }
    return released;
  }

  /**
   * Gives back the allowances idle for {@link #IDLE} and renews the rows of those in use, about
   * every quarter second; a failure is logged and tried again the next time. (Calls in flight whose
   * holds expired are let go by {@link #releaseExpired}, which the server's expiry loop calls.)
   */
  void maintain() {
    for (var e : allowances.entrySet()) {
      try {
        maintain(e.getKey(), e.getValue());
      } catch (RuntimeException ex) {
        log.warn("maintaining the LLM budget allowance {} failed", e.getKey(), ex);
      }
    }
  }

  private void maintain(Key k, Allowance a) {
    boolean giveBack;
    boolean renew;
    ReentrantLock lock = lock(k.namespace());
    lock.lock();
    try {
      if (a.granted == 0 && a.held == 0 && a.charged == 0) {
        if (System.nanoTime() - a.lastUsedNanos > TTL.toNanos()) {
          allowances.remove(k, a);
        }
        return;
      }
      giveBack =
          a.held == 0 && a.charged == 0 && System.nanoTime() - a.lastUsedNanos > IDLE.toNanos();
      renew = !giveBack && Instant.now().isAfter(a.renewBy);
      a.givingBack = giveBack;
    } finally {
      lock.unlock();
    }
    if (giveBack) {
      giveBack(k, a);
    } else if (renew) {
      renew(k, a);
    }
  }

  private void giveBack(Key k, Allowance a) {
    a.rowLock.lock();
    try {
      db.write(tx -> {
        Connection c = tx.connection();
        for (var r : rows.deleteHolds(c, reservationId(k))) {
          rows.release(c, r);
        }
        return null;
      });
      ReentrantLock lock = lock(k.namespace());
      lock.lock();
      try {
        a.granted = 0;
      } finally {
        lock.unlock();
      }
    } finally {
      ReentrantLock lock = lock(k.namespace());
      lock.lock();
      try {
        a.givingBack = false;
      } finally {
        lock.unlock();
      }
      a.rowLock.unlock();
    }
  }

  private void renew(Key k, Allowance a) {
    a.rowLock.lock();
    try {
      Instant renewBy = Instant.now().plus(TTL);
      int found =
          db.write(tx -> {
            try (PreparedStatement ps =
                tx.connection()
                    .prepareStatement(
                        "UPDATE llm_holds SET expires_at = ? WHERE reservation_id = ? AND scope = ?")) {
              bindAll(ps, renewBy, reservationId(k), k.scope());
              return ps.executeUpdate();
            }
          });
      ReentrantLock lock = lock(k.namespace());
      lock.lock();
      try {
        a.renewBy = renewBy.minus(TTL.dividedBy(2));
        if (found == 0) {
          // The sweep released it (this node stalled past its expiry): none of it is ours now.
          a.granted = 0;
        }
      } finally {
        lock.unlock();
      }
    } finally {
      a.rowLock.unlock();
    }
  }

  /** Gives back every allowance this node holds (on shutdown); failures are left to expiry. */
  @Override
  public void close() {
    upkeep.shutdownNow();
    try {
      upkeep.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (var e : allowances.entrySet()) {
      try {
        if (e.getValue().granted > 0) {
          giveBack(e.getKey(), e.getValue());
        }
      } catch (RuntimeException ex) {
        log.debug("giving back the LLM budget allowance {} failed", e.getKey(), ex);
      }
    }
  }
}
