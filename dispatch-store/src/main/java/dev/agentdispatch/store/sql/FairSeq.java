package dev.agentdispatch.store.sql;

import static dev.agentdispatch.store.sql.Sql.bindAll;

import dev.agentdispatch.core.invocation.Invocation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fairness between concurrency keys (tenants): virtual-time fair queueing. The claim takes, within
 * a priority, the lowest {@code fair_seq} first. A new keyed invocation gets one past the last
 * {@code fair_seq} of its key's work under way, but never less than the frontier (the lowest {@code
 * fair_seq} waiting to be claimed); one without a key gets the frontier. So a key with 100,000
 * waiting takes one turn per round, and another key's single invocation is claimed within the next
 * round, not after the backlog.
 *
 * <p>Only reads: no counter row is written, so creating invocations of one agent from many nodes
 * contends on nothing. Two transactions creating for the same key at once may give both the same
 * number; that only ties them, and ties go by arrival.
 */
final class FairSeq {
  /** The lowest {@code fair_seq} waiting to be claimed at the agent's top priority. */
  static final String FRONTIER =
      "SELECT fair_seq FROM invocations WHERE namespace=? AND agent=? AND status='pending'"
          + " AND key_blocked=0 ORDER BY priority DESC, fair_seq LIMIT 1";

  /** The highest {@code fair_seq} of a key's work under way. */
  static final String LAST_OF_KEY =
      "SELECT max(fair_seq) FROM invocations WHERE namespace=? AND agent=?"
          + " AND concurrency_key=? AND status IN ('pending','running')";

  private FairSeq() {}

  /** The {@code fair_seq} of each new invocation, in order. */
  static List<Long> assign(Connection c, List<Invocation> created) throws SQLException {
    Map<List<String>, Long> frontier = new HashMap<>();
    Map<List<String>, Long> next = new HashMap<>();
    List<Long> out = new ArrayList<>(created.size());
    for (Invocation inv : created) {
      var s = inv.spec();
      List<String> agent = List.of(s.namespace(), s.agent());
      Long f = frontier.get(agent);
      if (f == null) {
        f = frontier(c, s.namespace(), s.agent());
        frontier.put(agent, f);
      }
      if (s.concurrencyKey().isEmpty()) {
        out.add(f);
        continue;
      }
      List<String> key = List.of(s.namespace(), s.agent(), s.concurrencyKey().get());
      Long n = next.get(key);
      if (n == null) {
        n = lastOfKey(c, s.namespace(), s.agent(), s.concurrencyKey().get()) + 1;
      }
      long seq = Math.max(n, f);
      out.add(seq);
      next.put(key, seq + 1);
    }
    return out;
  }

  /** The lowest {@code fair_seq} waiting to be claimed at the agent's top priority (0: none). */
  private static long frontier(Connection c, String namespace, String agent) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(FRONTIER)) {
      bindAll(ps, namespace, agent);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /** The highest {@code fair_seq} of the key's work under way (-1: none). */
  private static long lastOfKey(Connection c, String namespace, String agent, String key)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(LAST_OF_KEY)) {
      bindAll(ps, namespace, agent, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          long v = rs.getLong(1);
          return rs.wasNull() ? -1 : v;
        }
        return -1;
      }
    }
  }
}
