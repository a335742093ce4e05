package dev.agentdispatch.store.sql;

import static dev.agentdispatch.store.sql.Sql.bindAll;

import dev.agentdispatch.core.agent.DegradePolicy;
import dev.agentdispatch.store.StoreEvent;
import dev.agentdispatch.store.flow.ClassHealth;
import dev.agentdispatch.store.flow.FlowCount;
import dev.agentdispatch.store.flow.FlowStore;
import dev.agentdispatch.store.flow.RateDecision;
import dev.agentdispatch.store.flow.RateRule;
import dev.agentdispatch.store.flow.WorkLoad;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** {@link FlowStore} over SQL, shared by every dialect. */
public final class SqlFlowStore implements FlowStore {
  private final Transactor db;

  public SqlFlowStore(Transactor db) {
    this.db = db;
  }

  @Override
  public boolean pause(String namespace, String agent, String function, Instant now) {
    return db.write(tx -> {
      try (PreparedStatement ps =
          tx.connection()
              .prepareStatement(
                  "INSERT INTO flow_pauses (namespace, agent, function, paused_at) VALUES (?,?,?,?)"
                      + " ON CONFLICT (namespace, agent, function) DO NOTHING")) {
        bindAll(ps, namespace, agent, function, now);
        return ps.executeUpdate() > 0;
      }
    });
  }

  @Override
  public boolean resume(String namespace, String agent, String function, Instant now) {
    return db.write(tx -> {
      try (PreparedStatement ps =
          tx.connection()
              .prepareStatement(
                  "DELETE FROM flow_pauses WHERE namespace=? AND agent=? AND function=?")) {
        bindAll(ps, namespace, agent, function);
        if (ps.executeUpdate() == 0) {
          return false;
        }
      }
      tx.publish(new StoreEvent.WorkAvailable(namespace, agent, function, now));
      return true;
    });
  }

  @Override
  public Set<String> paused(String namespace, String agent) {
    return db.read(c -> FlowPauses.paused(c, namespace, agent));
  }

  @Override
  public List<FlowCount> counts(String namespace, String agent) {
    return db.read(c -> {
      Map<List<String>, int[]> byClass = new TreeMap<>(Comparator.comparing(List::toString));
      // One statement per partial index (running, ready to claim, waiting at a key's gate), each
      // naming its index's condition, so none reads finished invocations.
      count(c, byClass, 0, "status='running'", namespace, agent);
      count(c, byClass, 1, "status='pending' AND key_blocked=0", namespace, agent);
      count(
          c,
          byClass,
          2,
          "key_limit IS NOT NULL AND status IN ('pending','running') AND status='pending'"
              + " AND key_blocked=1",
          namespace,
          agent);
      List<FlowCount> out = new ArrayList<>();
      byClass.forEach((k, n) -> out.add(new FlowCount(k.get(0), k.get(1), n[0], n[1], n[2])));
      return out;
    });
  }

  @Override
  public List<WorkLoad> workLoad() {
    return db.read(c -> {
      Map<List<String>, long[]> byLane = new TreeMap<>(Comparator.comparing(List::toString));
      // Each statement names one partial index's condition (see counts), so a large history of
      // finished invocations is never read. Slot 3 holds the oldest pending time (+1; 0: none).
      workLoad(c, byLane, 0, "status='running'", false);
      workLoad(c, byLane, 1, "status='pending' AND key_blocked=0", true);
      workLoad(
          c,
          byLane,
          2,
          "key_limit IS NOT NULL AND status IN ('pending','running') AND status='pending'"
              + " AND key_blocked=1",
          true);
      List<WorkLoad> out = new ArrayList<>();
      byLane.forEach((k, n) ->
          out.add(
              new WorkLoad(
                  k.get(0),
                  k.get(1),
                  k.get(2),
                  n[0],
                  n[1] + n[2],
                  n[2],
                  n[3] == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(n[3] - 1)))));
      return out;
    });
  }

  private static void workLoad(
      Connection c, Map<List<String>, long[]> byLane, int slot, String condition, boolean pending)
      throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT namespace, agent, lane, count(*), min(available_at) FROM invocations WHERE "
                    + condition
                    + " GROUP BY namespace, agent, lane");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String lane = rs.getString(3) == null ? FlowCount.DEFAULT_LANE : rs.getString(3);
        long[] n =
            byLane.computeIfAbsent(
                List.of(rs.getString(1), rs.getString(2), lane), k -> new long[4]);
        n[slot] += rs.getLong(4);
        long oldest = rs.getLong(5) + 1;
        if (pending && (n[3] == 0 || oldest < n[3])) {
          n[3] = oldest;
        }
      }
    }
  }

  private static void count(
      Connection c,
      Map<List<String>, int[]> byClass,
      int slot,
      String condition,
      String namespace,
      String agent)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT function, lane, count(*) FROM invocations WHERE namespace=? AND agent=? AND "
                + condition
                + " GROUP BY function, lane")) {
      bindAll(ps, namespace, agent);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String lane = rs.getString(2) == null ? FlowCount.DEFAULT_LANE : rs.getString(2);
          byClass.computeIfAbsent(List.of(rs.getString(1), lane), k -> new int[3])[slot] +=
              rs.getInt(3);
        }
      }
    }
  }

  @Override
  public boolean keyBlocked(String namespace, String invocationId) {
    return db.read(c -> {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT key_blocked FROM invocations WHERE id=? AND namespace=? AND status='pending'")) {
        bindAll(ps, invocationId, namespace);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() && rs.getInt(1) != 0;
        }
      }
    });
  }

  @Override
  public RateDecision take(String namespace, List<RateRule> rules, Duration maxDelay, Instant now) {
    List<RateRule> sorted = rules.stream().sorted(Comparator.comparing(RateRule::scope)).toList();
    return db.write(tx -> {
      Connection c = tx.connection();
      double[] left = new double[sorted.size()];
      Instant at = now;
      for (int i = 0; i < sorted.size(); i++) {
        RateRule rule = sorted.get(i);
        double tokens = tokens(tx, namespace, rule, now);
        left[i] = tokens - 1;
        if (left[i] >= 0) {
          continue;
        }
        Duration wait = Duration.ofMillis((long) Math.ceil(-left[i] / rule.perSecond() * 1000));
        if (!rule.throttle()) {
          return new RateDecision.Refused(rule.scope(), wait);
        }
        if (wait.compareTo(maxDelay) > 0) {
          return new RateDecision.Refused(rule.scope(), wait.minus(maxDelay));
        }
        Instant due = now.plus(wait);
        if (due.isAfter(at)) {
          at = due;
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE flow_buckets SET tokens=?, updated_at=?, full_at=? WHERE namespace=? AND scope=?")) {
        for (int i = 0; i < sorted.size(); i++) {
          RateRule rule = sorted.get(i);
          long toFull = (long) Math.ceil((rule.burst() - left[i]) / rule.perSecond() * 1000);
          bindAll(ps, left[i], now, now.plusMillis(toFull), namespace, rule.scope());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return new RateDecision.Granted(at);
    });
  }

  /** The bucket's tokens now (refilled since it was last written), locked; a new one is full. */
  private static double tokens(Tx tx, String namespace, RateRule rule, Instant now)
      throws SQLException {
    Connection c = tx.connection();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO flow_buckets (namespace, scope, tokens, updated_at, full_at)"
                + " VALUES (?,?,?,?,?) ON CONFLICT (namespace, scope) DO NOTHING")) {
      bindAll(ps, namespace, rule.scope(), (double) rule.burst(), now, now);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT tokens, updated_at FROM flow_buckets WHERE namespace=? AND scope=? "
                + tx.dialect().lockForUpdate())) {
      bindAll(ps, namespace, rule.scope());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long elapsed = Math.max(0, now.toEpochMilli() - rs.getLong(2));
        return Math.min(rule.burst(), rs.getDouble(1) + elapsed / 1000.0 * rule.perSecond());
      }
    }
  }

  @Override
  public int pruneBuckets(Instant now, int limit) {
    return db.write(tx -> {
      try (PreparedStatement ps =
          tx.connection()
              .prepareStatement(
                  "DELETE FROM flow_buckets WHERE (namespace, scope) IN"
                      + " (SELECT namespace, scope FROM flow_buckets WHERE full_at<? LIMIT ?)")) {
        bindAll(ps, now, limit);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public void degradePolicy(
      String namespace, String agent, Optional<DegradePolicy> policy, Instant now) {
    db.write(tx -> {
      try (PreparedStatement ps =
          tx.connection()
              .prepareStatement(
                  policy.isPresent()
                      ? "INSERT INTO flow_degrade (namespace, agent, after_failures, mode) VALUES (?,?,?,?)"
                          + " ON CONFLICT (namespace, agent) DO UPDATE SET"
                          + " after_failures=excluded.after_failures, mode=excluded.mode"
                      : "DELETE FROM flow_degrade WHERE namespace=? AND agent=?")) {
        if (policy.isPresent()) {
          bindAll(
              ps,
              namespace,
              agent,
              policy.get().afterFailures(),
              policy.get().mode().name().toLowerCase(Locale.ROOT));
        } else {
          bindAll(ps, namespace, agent);
        }
        ps.executeUpdate();
      }
      if (policy.isEmpty()) {
        // Without a policy nothing is degraded: what was held back may run.
        try (PreparedStatement ps =
            tx.connection()
                .prepareStatement(
                    "UPDATE flow_classes SET degraded_at=NULL, mode=NULL"
                        + " WHERE namespace=? AND agent=? AND degraded_at IS NOT NULL")) {
          bindAll(ps, namespace, agent);
          if (ps.executeUpdate() > 0) {
            tx.publish(new StoreEvent.WorkAvailable(namespace, agent, "", now));
          }
        }
      }
      return null;
    });
  }

  @Override
  public List<ClassHealth> classes(String namespace, String agent) {
    return db.read(c -> {
      List<ClassHealth> out = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT lane, failures, degraded_at, mode FROM flow_classes"
                  + " WHERE namespace=? AND agent=? AND (failures>0 OR degraded_at IS NOT NULL)"
                  + " ORDER BY lane")) {
        bindAll(ps, namespace, agent);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long at = rs.getLong(3);
            boolean degraded = !rs.wasNull();
            out.add(
                new ClassHealth(
                    rs.getString(1),
                    rs.getInt(2),
                    degraded ? Optional.of(Instant.ofEpochMilli(at)) : Optional.empty(),
                    Optional.ofNullable(rs.getString(4))
                        .map(m -> DegradePolicy.Mode.valueOf(m.toUpperCase(Locale.ROOT)))));
          }
        }
      }
      return out;
    });
  }

  @Override
  public boolean resetClass(String namespace, String agent, String lane, Instant now) {
    return db.write(tx -> {
      boolean wasDegraded;
      try (PreparedStatement ps =
          tx.connection()
              .prepareStatement(
                  "SELECT degraded_at FROM flow_classes WHERE namespace=? AND agent=? AND lane=? "
                      + tx.dialect().lockForUpdate())) {
        bindAll(ps, namespace, agent, lane);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return false;
          }
          rs.getLong(1);
          wasDegraded = !rs.wasNull();
        }
      }
      try (PreparedStatement ps =
          tx.connection()
              .prepareStatement(
                  "DELETE FROM flow_classes WHERE namespace=? AND agent=? AND lane=?")) {
        bindAll(ps, namespace, agent, lane);
        ps.executeUpdate();
      }
      if (wasDegraded) {
        tx.publish(new StoreEvent.ClassHealthChanged(namespace, agent, lane, false, 0));
        tx.publish(new StoreEvent.WorkAvailable(namespace, agent, "", now));
      }
      return true;
    });
  }
}
