package dev.agentdispatch.store.sql;

import static dev.agentdispatch.store.sql.Sql.bindAll;

import dev.agentdispatch.core.agent.DegradePolicy;
import dev.agentdispatch.core.invocation.Transition;
import dev.agentdispatch.store.StoreEvent;
import dev.agentdispatch.store.flow.FlowCount;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Degraded classes: counts each class's consecutive failed attempts as attempts end, in the same
 * transaction, for agents with a degrade policy. At the policy's count the class is degraded (the
 * claim then pauses or slows it); a completed attempt clears it. Classes are locked in sorted order
 * after the key gate's locks, so this adds no deadlock.
 */
final class ClassWatch {
  private static final Set<String> FAILED =
      Set.of("error", "lease_expired", "attempt_timed_out", "timed_out");

  private ClassWatch() {}

  static void afterTransitions(Tx tx, List<Transition> changed, Instant now) throws SQLException {
    SortedMap<List<String>, List<Boolean>> outcomes = new TreeMap<>(ClassWatch::compare);
    for (Transition t : changed) {
      if (t.attemptEnded().isEmpty()) {
        continue;
      }
      String outcome = t.attemptEnded().get().outcome();
      if (outcome.equals("completed") || FAILED.contains(outcome)) {
        var s = t.after().spec();
        outcomes
            .computeIfAbsent(
                List.of(s.namespace(), s.agent(), s.lane().orElse(FlowCount.DEFAULT_LANE)),
                k -> new ArrayList<>())
            .add(FAILED.contains(outcome));
      }
    }
    if (outcomes.isEmpty()) {
      return;
    }
    Map<List<String>, Optional<DegradePolicy>> policies = new HashMap<>();
    for (Map.Entry<List<String>, List<Boolean>> e : outcomes.entrySet()) {
      List<String> k = e.getKey();
      List<String> agent = k.subList(0, 2);
      if (!policies.containsKey(agent)) {
        policies.put(agent, policy(tx.connection(), k.get(0), k.get(1)));
      }
      Optional<DegradePolicy> policy = policies.get(agent);
      if (policy.isPresent()) {
        record(tx, k.get(0), k.get(1), k.get(2), e.getValue(), policy.get(), now);
      }
    }
  }

  private static int compare(List<String> a, List<String> b) {
    return String.join("\u0000", a).compareTo(String.join("\u0000", b));
  }

  private static Optional<DegradePolicy> policy(Connection c, String namespace, String agent)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT after_failures, mode FROM flow_degrade WHERE namespace=? AND agent=?")) {
      bindAll(ps, namespace, agent);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(
                new DegradePolicy(
                    rs.getInt(1),
                    DegradePolicy.Mode.valueOf(rs.getString(2).toUpperCase(Locale.ROOT))))
            : Optional.empty();
      }
    }
  }

  /** Applies the class's ended attempts, in order, to its row. */
  private static void record(
      Tx tx,
      String namespace,
      String agent,
      String lane,
      List<Boolean> failed,
      DegradePolicy policy,
      Instant now)
      throws SQLException {
    Connection c = tx.connection();
    if (!failed.contains(true) && !exists(c, namespace, agent, lane)) {
      return; // successes of a class that never failed: nothing to write
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO flow_classes (namespace, agent, lane, failures) VALUES (?,?,?,0)"
                + " ON CONFLICT (namespace, agent, lane) DO NOTHING")) {
      bindAll(ps, namespace, agent, lane);
      ps.executeUpdate();
    }
    int failures;
    boolean wasDegraded;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT failures, degraded_at FROM flow_classes WHERE namespace=? AND agent=? AND lane=? "
                + tx.dialect().lockForUpdate())) {
      bindAll(ps, namespace, agent, lane);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        failures = rs.getInt(1);
        rs.getLong(2);
        wasDegraded = !rs.wasNull();
      }
    }
    boolean degraded = wasDegraded;
    for (boolean f : failed) {
      failures = f ? failures + 1 : 0;
      degraded = f ? degraded || failures >= policy.afterFailures() : false;
    }
    boolean stays = degraded && wasDegraded;
    // Still degraded: only the count moves, the time it began stays.
    String sql =
        stays
            ? "UPDATE flow_classes SET failures=? WHERE namespace=? AND agent=? AND lane=?"
            : "UPDATE flow_classes SET failures=?, degraded_at=?, mode=?"
                + " WHERE namespace=? AND agent=? AND lane=?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (stays) {
        bindAll(ps, failures, namespace, agent, lane);
      } else {
        bindAll(
            ps,
            failures,
            degraded ? now : null,
            degraded ? policy.mode().name().toLowerCase(Locale.ROOT) : null,
            namespace,
            agent,
            lane);
      }
      ps.executeUpdate();
    }
    if (degraded != wasDegraded) {
      tx.publish(new StoreEvent.ClassHealthChanged(namespace, agent, lane, degraded, failures));
      if (!degraded) {
        tx.publish(new StoreEvent.WorkAvailable(namespace, agent, "", now));
      }
    }
  }

  private static boolean exists(Connection c, String namespace, String agent, String lane)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM flow_classes WHERE namespace=? AND agent=? AND lane=?")) {
      bindAll(ps, namespace, agent, lane);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
