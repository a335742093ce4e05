package dev.agentdispatch.store.sql;

import static dev.agentdispatch.store.sql.Sql.bindAll;

import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.core.invocation.Transition;
import dev.agentdispatch.store.StoreEvent;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Per-key concurrency ({@code concurrency_key} with the function's {@code key_concurrency}). A key
 * has {@code limit} slots; an invocation holds one from the moment it is let through until it
 * leaves {@code pending}/{@code running} (a retry waiting out its backoff keeps its slot, so a
 * key's work stays in order). An invocation that finds no free slot waits with {@code key_blocked =
 * 1}, outside the claim index, and is let through when a slot of its key frees: a key with a long
 * backlog costs a claim nothing.
 *
 * <p>Counting the slots and taking one happen under a lock named by the key (a no-op on SQLite,
 * whose single writer serialises all writes), so two nodes never hand out the same slot. Keys are
 * locked in sorted order, so two transactions touching the same keys cannot deadlock on them.
 */
final class KeyGate {
  /**
   * A key's invocations waiting at its gate, in the order they get a slot. The IN repeats the
   * partial index's own condition: SQLite uses a partial index only when the query names its
   * condition, and would otherwise read the whole namespace.
   */
  static final String WAITING =
      "SELECT id, available_at FROM invocations WHERE namespace=? AND agent=? AND function=?"
          + " AND concurrency_key=? AND key_blocked=1 AND key_limit IS NOT NULL"
          + " AND status IN ('pending','running') AND status='pending'"
          + " ORDER BY priority DESC, id LIMIT ? ";

  /** How many of a key's slots are held. */
  static final String HOLDERS =
      "SELECT count(*) FROM invocations WHERE namespace=? AND agent=? AND function=?"
          + " AND concurrency_key=? AND key_blocked=0 AND key_limit IS NOT NULL"
          + " AND status IN ('pending','running')";

  private KeyGate() {}

  /** One key of one function, and its number of slots. */
  record Key(String namespace, String agent, String function, String key, int limit)
      implements Comparable<Key> {
    static Optional<Key> of(Invocation inv) {
      return inv.spec()
          .keyConcurrency()
          .map(limit ->
              new Key(
                  inv.spec().namespace(),
                  inv.spec().agent(),
                  inv.spec().function(),
                  inv.spec().concurrencyKey().orElseThrow(),
                  limit));
    }

    String name() {
      return namespace + "\u0000" + agent + "\u0000" + function + "\u0000" + key;
    }

    @Override
    public int compareTo(Key o) {
      return name().compareTo(o.name());
    }
  }

  /** Whether a new invocation enters the gate: it is stored waiting, then let through in order. */
  static boolean gated(Invocation inv) {
    return inv.spec().keyConcurrency().isPresent();
  }

  /** Lets newly stored gated invocations through while their keys have free slots. */
  static void admit(Tx tx, Collection<Invocation> created, Instant now) throws SQLException {
    SortedMap<Key, Key> keys = new TreeMap<>();
    for (Invocation inv : created) {
      Key.of(inv).ifPresent(k -> keys.putIfAbsent(k, k));
    }
    refill(tx, keys.values(), now);
  }

  /**
   * Keeps the gate in step with state changes: an invocation leaving pending/running frees its slot
   * for the next waiting one of its key; one coming back (a manual retry, an answered input) queues
   * behind the others again.
   */
  static void afterTransitions(Tx tx, List<Transition> changed, Instant now) throws SQLException {
    SortedMap<Key, Key> keys = new TreeMap<>();
    List<String> returning = new ArrayList<>();
    for (Transition t : changed) {
      Optional<Key> key = Key.of(t.after());
      if (key.isEmpty()) {
        continue;
      }
      boolean before = holdsSlot(t.before().status());
      boolean after = holdsSlot(t.after().status());
      if (before != after) {
        keys.putIfAbsent(key.get(), key.get());
        if (after) {
          returning.add(t.after().id());
        }
      }
    }
    if (keys.isEmpty()) {
      return;
    }
    if (!returning.isEmpty()) {
      Sql.InList ids = Sql.InList.of(returning);
      try (PreparedStatement ps =
          tx.connection()
              .prepareStatement(
                  "UPDATE invocations SET key_blocked=1 WHERE id IN ("
                      + ids.placeholders()
                      + ")")) {
        bindAll(ps, ids.values().toArray());
        ps.executeUpdate();
      }
    }
    refill(tx, keys.values(), now);
  }

  private static boolean holdsSlot(InvocationStatus s) {
    return s == InvocationStatus.PENDING || s == InvocationStatus.RUNNING;
  }

  /** For each key (sorted): lets waiting invocations through, in priority then arrival order. */
  private static void refill(Tx tx, Collection<Key> keys, Instant now) throws SQLException {
    Connection c = tx.connection();
    for (Key k : keys) {
      tx.dialect().lock(c, lockId(k.name()));
      int free = k.limit() - holders(c, k);
      if (free <= 0) {
        continue;
      }
      List<String> through = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(WAITING + tx.dialect().lockForClaim())) {
        bindAll(ps, k.namespace(), k.agent(), k.function(), k.key(), free);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            through.add(rs.getString(1));
            Instant at = Instant.ofEpochMilli(rs.getLong(2));
            tx.publish(
                new StoreEvent.WorkAvailable(
                    k.namespace(), k.agent(), k.function(), at.isAfter(now) ? at : now));
          }
        }
      }
      if (!through.isEmpty()) {
        Sql.InList ids = Sql.InList.of(through);
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE invocations SET key_blocked=0 WHERE id IN (" + ids.placeholders() + ")")) {
          bindAll(ps, ids.values().toArray());
          ps.executeUpdate();
        }
      }
    }
  }

  private static int holders(Connection c, Key k) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(HOLDERS)) {
      bindAll(ps, k.namespace(), k.agent(), k.function(), k.key());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** A 64-bit lock id for a name (FNV-1a); a collision only makes two keys wait for each other. */
  static long lockId(String name) {
    long h = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
