package dev.agentdispatch.store.sql;

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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Picks what a claim leases: pending, due, let through by its key's gate, of a function that is not
 * paused, of a class (lane) that is not degraded into a pause, and within the agent's, its lanes'
 * and its functions' caps. Priority first, then the oldest.
 *
 * <p>Caps are counted from the running rows at claim time, under a lock per agent (a no-op on
 * SQLite), so all nodes together stay within them; with a cap in force the running rows are few, so
 * counting them is cheap. A claim that must pass over a paused or saturated function or lane reads
 * the others one by one through their own index ({@code invocations_claim_class}), so a backlog it
 * may not take costs it nothing; what it reads is then taken in claim order while it fits ({@link
 * ClaimBudget}).
 */
final class ClaimPicker {
  private static final String DUE = "status='pending' AND key_blocked=0 AND available_at<=?";
  private static final String ORDER =
      " ORDER BY priority DESC, fair_seq, available_at, id LIMIT ? ";
  private static final String SELECT =
      "SELECT " + InvocationRows.COLUMNS + ", fair_seq FROM invocations ";

  /** A candidate with its place in the claim order ({@link FairSeq}). */
  private record Ranked(Invocation inv, long fairSeq) {}

  private static final Comparator<Ranked> CLAIM_ORDER =
      Comparator.comparingInt((Ranked r) -> -r.inv().spec().priority())
          .thenComparingLong(Ranked::fairSeq)
          .thenComparing(r -> r.inv().state().availableAt())
          .thenComparing(r -> r.inv().id());

  private ClaimPicker() {}

  static List<Invocation> pick(Tx tx, ClaimRequest r, Instant now) throws SQLException {
    Connection c = tx.connection();
    FlowPauses holds = FlowPauses.read(c, r.namespace(), r.agent());
    if (holds.agentPaused()) {
      return List.of();
    }
    Set<String> paused = holds.paused();
    boolean degraded = !holds.degraded().isEmpty();
    ClaimLimits limits = r.limits();
    if (!limits.any() && paused.isEmpty() && !degraded) {
      return query(tx, r, r.functions(), Set.of(), Lanes.ANY, r.max(), now).stream()
          .map(Ranked::inv)
          .toList();
    }
    ClaimBudget budget = new ClaimBudget(limits, holds.degraded());
    if (limits.any() || degraded) {
      tx.dialect().lock(c, KeyGate.lockId("agent\u0000" + r.namespace() + "\u0000" + r.agent()));
      countRunning(c, r.namespace(), r.agent(), budget);
      if (budget.agentFull()) {
        return List.of();
      }
    }
    Set<String> scope = r.functions().isEmpty() ? limits.declared() : r.functions();
    List<Ranked> found = new ArrayList<>();
    boolean passOver =
        degraded
            || !limits.lanes().isEmpty()
            || scope.stream()
                .anyMatch(f -> paused.contains(f) || limits.functionCaps().containsKey(f));
    if (scope.isEmpty() || !passOver) {
      // Nothing to pass over (only the agent cap), or the functions are unknown (an unregistered
      // agent's leftovers): one query, past the paused functions.
      found.addAll(query(tx, r, r.functions(), paused, Lanes.ANY, r.max(), now));
    } else {
      for (Optional<String> lane : lanesOf(limits, holds)) {
        if (!budget.laneOpen(lane)) {
          continue;
        }
        for (String f : new TreeSet<>(scope)) {
          if (!paused.contains(f) && budget.functionOpen(f)) {
            found.addAll(query(tx, r, Set.of(f), Set.of(), Lanes.only(lane), r.max(), now));
          }
        }
      }
    }
    found.sort(CLAIM_ORDER);
    List<Invocation> taken = new ArrayList<>();
    for (Ranked ranked : found) {
      Invocation inv = ranked.inv();
      if (taken.size() < r.max() && budget.fits(inv.spec().function(), inv.spec().lane())) {
        budget.take(inv.spec().function(), inv.spec().lane());
        taken.add(inv);
      }
    }
    return taken;
  }

  /** The agent's lanes (declared, or degraded) and the default lane, in a fixed order. */
  private static List<Optional<String>> lanesOf(ClaimLimits limits, FlowPauses holds) {
    Set<String> named = new TreeSet<>(limits.lanes().keySet());
    named.addAll(holds.degraded().keySet());
    named.remove(ClaimBudget.DEFAULT_LANE);
    List<Optional<String>> out = new ArrayList<>();
    out.add(Optional.empty());
    named.forEach(l -> out.add(Optional.of(l)));
    return out;
  }

  /** Which lanes a query reads: any, or exactly one (the default lane is empty). */
  private record Lanes(boolean any, Optional<String> lane) {
    static final Lanes ANY = new Lanes(true, Optional.empty());

    static Lanes only(Optional<String> lane) {
      return new Lanes(false, lane);
    }
  }

  private static List<Ranked> query(
      Tx tx,
      ClaimRequest r,
      Collection<String> only,
      Collection<String> except,
      Lanes lanes,
      int limit,
      Instant now)
      throws SQLException {
    StringBuilder where = new StringBuilder("WHERE namespace=? AND agent=? AND " + DUE);
    List<Object> args = new ArrayList<>(List.of(r.namespace(), r.agent(), now));
    if (!lanes.any()) {
      if (lanes.lane().isPresent()) {
        where.append(" AND lane=?");
        args.add(lanes.lane().get());
      } else {
        where.append(" AND lane IS NULL");
      }
    }
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
    List<Ranked> out = new ArrayList<>();
    try (PreparedStatement ps = tx.connection().prepareStatement(SELECT + where)) {
      Sql.bindAll(ps, args.toArray());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Ranked(InvocationRows.read(rs), rs.getLong("fair_seq")));
        }
      }
    }
    return out;
  }

  /** Counts the agent's running invocations, by function and lane, into the budget. */
  private static void countRunning(Connection c, String namespace, String agent, ClaimBudget budget)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT function, lane, count(*) FROM invocations WHERE namespace=? AND agent=?"
                + " AND status='running' GROUP BY function, lane")) {
      Sql.bindAll(ps, namespace, agent);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String lane = rs.getString(2);
          budget.add(rs.getString(1), lane == null ? ClaimBudget.DEFAULT_LANE : lane, rs.getInt(3));
        }
      }
    }
  }
}
