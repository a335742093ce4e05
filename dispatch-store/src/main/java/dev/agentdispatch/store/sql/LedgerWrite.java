package dev.agentdispatch.store.sql;

import static dev.agentdispatch.store.sql.Sql.bindAll;

import dev.agentdispatch.store.llm.Charge;
import dev.agentdispatch.store.llm.LlmCallRecord;
import dev.agentdispatch.store.llm.Settlement;
import dev.agentdispatch.store.llm.Warned;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Recording calls with their budget effects: one transaction for one call or a batch of them. The
 * holds each call's settlement releases (its own hold rows, or its cost from this node's allowance
 * rows) and the spend it adds are summed per counter row, so a batch of a thousand calls of one
 * namespace changes its counter row once. Rows are touched in the lock order of every transaction
 * on these tables: hold rows first, then counter rows in (namespace, scope, month) order.
 */
final class LedgerWrite {
  static final String COLUMNS =
      "id, namespace, agent, model, provider, variant, endpoint, input_tokens, output_tokens,"
          + " cache_read_tokens, cache_write_tokens, cost_micros, latency_ms, ttft_ms, finish_reason,"
          + " status, error, invocation_id, trace_id, session_id, started_at";

  /** One call to record; {@code charged} is what its cost is charged to on this node. */
  record Entry(LlmCallRecord call, Settlement settlement, NodeAllowances.Charged charged) {}

  /**
   * What a committed write did: the scopes each entry warned (in entry order), and per allowance
   * the costs charged to it and what its row gave up for them.
   */
  record Result(
      List<List<Warned>> warned,
      Map<NodeAllowances.Key, Long> charged,
      Map<NodeAllowances.Key, Long> released) {}

  /** The counter-row changes on one (namespace, scope, month) row. */
  private record RowChange(String namespace, String scope, String month, long release, long spend) {
    RowChange plus(RowChange o) {
      return new RowChange(namespace, scope, month, release + o.release, spend + o.spend);
    }
  }

  private static final Comparator<NodeAllowances.Key> KEY_ORDER =
      Comparator.comparing(NodeAllowances.Key::namespace)
          .thenComparing(NodeAllowances.Key::scope)
          .thenComparing(NodeAllowances.Key::month);

  private final LlmBudgetRows rows;
  private final Optional<NodeAllowances> allowances;

  LedgerWrite(LlmBudgetRows rows, Optional<NodeAllowances> allowances) {
    this.rows = rows;
    this.allowances = allowances;
  }

  static String month(LlmCallRecord call) {
    return LlmBudgetRows.month(YearMonth.from(call.startedAt().atOffset(ZoneOffset.UTC)));
  }

  Result apply(Tx tx, List<Entry> entries) throws SQLException {
    Connection c = tx.connection();
    Map<String, RowChange> changes = new TreeMap<>();
    List<Entry> ownHolds =
        entries.stream()
            .filter(e -> e.charged().keys().isEmpty() && e.settlement().reservationId().isPresent())
            .sorted(Comparator.comparing(e -> e.settlement().reservationId().get()))
            .toList();
    for (Entry e : ownHolds) {
      for (var r : rows.deleteHolds(c, e.settlement().reservationId().get())) {
        add(changes, new RowChange(r.namespace(), r.scope(), r.month(), r.micros(), 0));
      }
    }
    Map<NodeAllowances.Key, Long> charged = new TreeMap<>(KEY_ORDER);
    for (Entry e : entries) {
      for (var k : e.charged().keys()) {
        charged.merge(k, e.charged().micros(), Long::sum);
      }
    }
    Map<NodeAllowances.Key, Long> released = new TreeMap<>(KEY_ORDER);
    for (var ch : charged.entrySet()) {
      var k = ch.getKey();
      long gave = allowances.orElseThrow().releaseCharged(c, k, ch.getValue());
      released.put(k, gave);
      add(changes, new RowChange(k.namespace(), k.scope(), k.month(), gave, 0));
    }
    for (Entry e : entries) {
      for (Charge ch : e.settlement().charges()) {
        add(
            changes,
            new RowChange(
                e.call().namespace(), ch.scope(), month(e.call()), 0, e.call().costMicros()));
      }
    }
    for (RowChange ch : changes.values()) {
      if (ch.release() > 0) {
        rows.release(
            c, new LlmBudgetRows.Released(ch.namespace(), ch.scope(), ch.month(), ch.release()));
      }
      if (ch.spend() > 0) {
        rows.spend(c, ch.namespace(), ch.scope(), ch.month(), ch.spend());
      }
    }
    insert(c, entries);
    List<List<Warned>> warned = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      warned.add(warnings(c, e));
    }
    return new Result(warned, charged, released);
  }

  private static void add(Map<String, RowChange> changes, RowChange ch) {
    changes.merge(ch.namespace() + "\n" + ch.scope() + "\n" + ch.month(), ch, RowChange::plus);
  }

  /** The scopes whose threshold this entry's spend (with those before it) crossed first. */
  private List<Warned> warnings(Connection c, Entry e) throws SQLException {
    String m = month(e.call());
    List<Warned> warned = new ArrayList<>();
    for (Charge ch : e.settlement().charges()) {
      if (ch.warnAtMicros().isPresent()
          && rows.warn(c, e.call().namespace(), ch.scope(), m, ch.warnAtMicros().get())) {
        var usage = rows.lock(c, e.call().namespace(), ch.scope(), m);
        warned.add(
            new Warned(
                ch.scope(),
                YearMonth.from(e.call().startedAt().atOffset(ZoneOffset.UTC)),
                usage.spentMicros()));
      }
    }
    return warned;
  }

  private static void insert(Connection c, List<Entry> entries) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO llm_calls ("
                + COLUMNS
                + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      for (Entry e : entries) {
        LlmCallRecord r = e.call();
        bindAll(
            ps,
            r.id(),
            r.namespace(),
            r.agent(),
            r.model(),
            r.provider(),
            r.variant(),
            r.endpoint(),
            r.usage().input(),
            r.usage().output(),
            r.usage().cacheRead(),
            r.usage().cacheWrite(),
            r.costMicros(),
            r.latencyMs(),
            r.ttftMs(),
            r.finishReason(),
            r.status(),
            r.error(),
            r.invocationId(),
            r.traceId(),
            r.sessionId(),
            r.startedAt());
        if (entries.size() == 1) {
          ps.executeUpdate();
        } else {
          ps.addBatch();
        }
      }
      if (entries.size() > 1) {
        ps.executeBatch();
      }
    }
  }
}
