package dev.agentdispatch.store.sql;

import static dev.agentdispatch.store.sql.InvocationReads.many;

import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.store.invocation.ClaimLimits;
import dev.agentdispatch.store.invocation.ClaimRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Picks what a claim leases: pending, due, let through by its key's gate, of a function that is not
 * paused, and within the agent's and functions' caps. Priority first, then the oldest.
 *
 * <p>Caps are counted from the running rows at claim time, under a lock per agent (a no-op on
 * SQLite), so all nodes together stay within them; with a cap in force the running rows are few, so
 * counting them is cheap. A claim that must pass over a paused or saturated function reads the
 * others one by one through their own index, so a backlog it may not take costs it nothing.
 */
final class ClaimPicker {
  private static final String DUE = "status='pending' AND key_blocked=0 AND available_at<=?";
  private static final String ORDER = " ORDER BY priority DESC, available_at, id LIMIT ? ";
  private static final Comparator<Invocation> CLAIM_ORDER =
      Comparator.comparingInt((Invocation i) -> -i.spec().priority())
          .thenComparing(i -> i.state().availableAt())
          .thenComparing(Invocation::id);

  private ClaimPicker() {}

  static List<Invocation> pick(Tx tx, ClaimRequest r, Instant now) throws SQLException {
    Connection c = tx.connection();
    Set<String> paused = FlowPauses.paused(c, r.namespace(), r.agent());
    if (paused.contains(FlowPauses.WHOLE_AGENT)) {
      return List.of();
    }
    ClaimLimits limits = r.limits();
    if (!limits.any() && paused.isEmpty()) {
      return oneQuery(tx, r, r.functions(), Set.of(), r.max(), now);
    }
    Map<String, Integer> running = Map.of();
    if (limits.any()) {
      tx.dialect().lock(c, KeyGate.lockId("agent\u0000" + r.namespace() + "\u0000" + r.agent()));
      running = running(c, r.namespace(), r.agent());
    }
    int want = r.max();
    if (limits.agentCap().isPresent()) {
      int total = running.values().stream().mapToInt(Integer::intValue).sum();
      want = Math.min(want, limits.agentCap().get() - total);
    }
    if (want <= 0) {
      return List.of();
    }
    Map<String, Integer> left = new HashMap<>();
    for (Map.Entry<String, Integer> cap : limits.functionCaps().entrySet()) {
      left.put(cap.getKey(), cap.getValue() - running.getOrDefault(cap.getKey(), 0));
    }
    Set<String> scope = r.functions().isEmpty() ? limits.declared() : r.functions();
    boolean passOver =
        scope.isEmpty()
            ? !paused.isEmpty() || !left.isEmpty()
            : scope.stream().anyMatch(f -> paused.contains(f) || left.containsKey(f));
    if (!passOver) {
      return oneQuery(tx, r, r.functions(), Set.of(), want, now);
    }
    if (scope.isEmpty()) {
      return withinCaps(oneQuery(tx, r, Set.of(), excluded(paused, left), want, now), left);
    }
    List<Invocation> found = new ArrayList<>();
    for (String f : new TreeSet<>(scope)) {
      int room = Math.min(want, left.getOrDefault(f, want));
      if (!paused.contains(f) && room > 0) {
        found.addAll(oneQuery(tx, r, Set.of(f), Set.of(), room, now));
      }
    }
    found.sort(CLAIM_ORDER);
    return found.size() <= want ? found : found.subList(0, want);
  }

  private static Set<String> excluded(Set<String> paused, Map<String, Integer> left) {
    Set<String> out = new TreeSet<>(paused);
    left.forEach((f, n) -> {
      if (n <= 0) {
        out.add(f);
      }
    });
    return out;
  }

  /** Drops what would pass a function's cap (only for a claim over functions it cannot list). */
  private static List<Invocation> withinCaps(List<Invocation> rows, Map<String, Integer> left) {
    Map<String, Integer> room = new HashMap<>(left);
    List<Invocation> out = new ArrayList<>();
    for (Invocation inv : rows) {
      Integer n = room.get(inv.spec().function());
      if (n == null || n > 0) {
        out.add(inv);
        if (n != null) {
          room.put(inv.spec().function(), n - 1);
        }
      }
    }
    return out;
  }

  private static List<Invocation> oneQuery(
      Tx tx,
      ClaimRequest r,
      Collection<String> only,
      Collection<String> except,
      int limit,
      Instant now)
      throws SQLException {
    StringBuilder where = new StringBuilder("WHERE namespace=? AND agent=? AND " + DUE);
    List<Object> args = new ArrayList<>(List.of(r.namespace(), r.agent(), now));
    if (only.size() == 1) {
      where.append(" AND function=?");
      args.addAll(only);
    } else if (!only.isEmpty()) {
      where.append(" AND function IN (").append("?,".repeat(only.size() - 1)).append("?)");
      args.addAll(only);
    }
    if (!except.isEmpty()) {
      where.append(" AND function NOT IN (").append("?,".repeat(except.size() - 1)).append("?)");
      args.addAll(except);
    }
    where.append(ORDER).append(tx.dialect().lockForClaim());
    args.add(limit);
    return many(tx.connection(), where.toString(), args.toArray());
  }

  /** Running invocations of the agent, by function. */
  static Map<String, Integer> running(Connection c, String namespace, String agent)
      throws SQLException {
    Map<String, Integer> out = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT function, count(*) FROM invocations WHERE namespace=? AND agent=?"
                + " AND status='running' GROUP BY function")) {
      Sql.bindAll(ps, namespace, agent);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getInt(2));
        }
      }
    }
    return out;
  }
}
