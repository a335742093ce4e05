package dev.agentdispatch.store.sql;

import static dev.agentdispatch.store.sql.Sql.bindAll;

import dev.agentdispatch.core.llm.TokenUsage;
import dev.agentdispatch.store.Page;
import dev.agentdispatch.store.llm.Charge;
import dev.agentdispatch.store.llm.LlmCallQuery;
import dev.agentdispatch.store.llm.LlmCallRecord;
import dev.agentdispatch.store.llm.LlmCallStore;
import dev.agentdispatch.store.llm.Settlement;
import dev.agentdispatch.store.llm.UsageGroupBy;
import dev.agentdispatch.store.llm.UsageRow;
import dev.agentdispatch.store.llm.Warned;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Recorded model calls over SQL. Recording a call and settling its budget effects is one write
 * transaction, so the spend in the counters always equals the cost of the recorded calls.
 */
public final class SqlLlmCallStore implements LlmCallStore {
  private static final String COLUMNS = LedgerWrite.COLUMNS;
  private static final long DAY_MILLIS = 86_400_000L;

  /** How long a settlement whose record failed keeps its cost held in memory. */
  private static final Duration FAILED_HOLD = Duration.ofMinutes(15);

  private final Transactor db;
  private final LedgerWrite ledger;
  private final PendingWrites pending;
  private final Optional<LocalHolds> localHolds;
  private final Optional<Allowances> allowances;

  /** This node's budget allowances and the batches that settle against them (PostgreSQL). */
  record Allowances(NodeAllowances allowances, LedgerBatches batches) {}

  /**
   * @param pending the records this node queued, which its reads wait for
   * @param localHolds the budget holds of this node, when they are kept in memory (SQLite)
   * @param allowances this node's budget allowances, when the database is shared (PostgreSQL)
   */
  SqlLlmCallStore(
      Transactor db,
      LedgerWrite ledger,
      PendingWrites pending,
      Optional<LocalHolds> localHolds,
      Optional<Allowances> allowances) {
    this.db = db;
    this.ledger = ledger;
    this.pending = pending;
    this.localHolds = localHolds;
    this.allowances = allowances;
  }

  @Override
  public List<Warned> record(LlmCallRecord call, Settlement settlement) {
    try {
      return recordLater(call, settlement).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  @Override
  public CompletableFuture<List<Warned>> recordLater(LlmCallRecord call, Settlement settlement) {
    if (allowances.isPresent()) {
      return recordInBatch(call, settlement, allowances.get());
    }
    String m = LedgerWrite.month(call);
    List<String> scopes = settlement.charges().stream().map(Charge::scope).toList();
    // In memory, the call's cost takes its estimate's place before the record is queued, and
    // leaves once the record has committed: admissions count it all along.
    Optional<LocalHolds.Settling> settling =
        localHolds.map(h ->
            h.settling(
                call.namespace(),
                settlement.reservationId().orElse(null),
                m,
                scopes,
                call.costMicros()));
    CompletableFuture<List<Warned>> write =
        db.writeLater(tx ->
            ledger
                .apply(
                    tx,
                    List.of(new LedgerWrite.Entry(call, settlement, NodeAllowances.Charged.NONE)))
                .warned()
                .getFirst());
    CompletableFuture<List<Warned>> done =
        write.whenComplete((warned, failure) ->
            settling.ifPresent(s -> {
              LocalHolds h = localHolds.orElseThrow();
              if (failure == null) {
                h.settled(call.namespace(), m, s);
              } else {
                h.unsettled(
                    call.namespace(),
                    settlement.reservationId().orElse(call.id()),
                    m,
                    s,
                    Instant.now().plus(FAILED_HOLD));
              }
            }));
    return pending.track(call.namespace(), done);
  }

  /**
   * The cost is charged to the allowances this node admitted the call against, and the record joins
   * the next batch; a record that fails keeps its cost held, as a call nobody settled would.
   */
  private CompletableFuture<List<Warned>> recordInBatch(
      LlmCallRecord call, Settlement settlement, Allowances a) {
    NodeAllowances.Charged charged =
        a.allowances().settle(call.namespace(), settlement.reservationId(), call.costMicros());
    CompletableFuture<List<Warned>> done =
        a.batches()
            .submit(new LedgerWrite.Entry(call, settlement, charged))
            .whenComplete((warned, failure) -> {
              if (failure != null) {
                a.allowances()
                    .unsettled(
                        call.namespace(),
                        settlement.reservationId().orElse(call.id()),
                        charged,
                        FAILED_HOLD);
              }
            });
    return pending.track(call.namespace(), done);
  }

  @Override
  public Page<LlmCallRecord> list(LlmCallQuery q) {
    StringBuilder where = new StringBuilder("WHERE namespace = ?");
    List<Object> args = new ArrayList<>(List.of(q.namespace()));
    filter(where, args, "trace_id", q.traceId());
    filter(where, args, "invocation_id", q.invocationId());
    filter(where, args, "agent", q.agent());
    q.cursor()
        .ifPresent(cursor -> {
          where.append(" AND id < ?");
          args.add(cursor);
        });
    where.append(" ORDER BY id DESC LIMIT ?");
    args.add(q.limit() + 1);
    pending.await(q.namespace());
    List<LlmCallRecord> found = db.read(c -> select(c, where.toString(), args.toArray()));
    if (found.size() <= q.limit()) {
      return new Page<>(found, Optional.empty());
    }
    List<LlmCallRecord> page = found.subList(0, q.limit());
    return new Page<>(page, Optional.of(page.get(page.size() - 1).id()));
  }

  private static void filter(
      StringBuilder where, List<Object> args, String column, Optional<String> value) {
    value.ifPresent(v -> {
      where.append(" AND ").append(column).append(" = ?");
      args.add(v);
    });
  }

  @Override
  public List<LlmCallRecord> forTrace(
      String namespace, String traceId, List<String> invocationIds, int limit) {
    pending.await(namespace);
    return db.read(c -> {
      Map<String, LlmCallRecord> byId = new LinkedHashMap<>();
      for (var r :
          select(
              c,
              "WHERE namespace = ? AND trace_id = ? ORDER BY started_at, id LIMIT ?",
              namespace,
              traceId,
              limit)) {
        byId.put(r.id(), r);
      }
      // Chunks of the largest padded IN size, so only a few distinct statements exist.
      for (int from = 0; from < invocationIds.size(); from += 1024) {
        var in =
            Sql.InList.of(invocationIds.subList(from, Math.min(invocationIds.size(), from + 1024)));
        List<Object> args = new ArrayList<>();
        args.add(namespace);
        args.addAll(in.values());
        args.add(limit);
        for (var r :
            select(
                c,
                "WHERE namespace = ? AND invocation_id IN ("
                    + in.placeholders()
                    + ") ORDER BY started_at, id LIMIT ?",
                args.toArray())) {
          byId.putIfAbsent(r.id(), r);
        }
      }
      return byId.values().stream()
          .sorted(Comparator.comparing(LlmCallRecord::startedAt).thenComparing(LlmCallRecord::id))
          .limit(limit)
          .toList();
    });
  }

  @Override
  public List<UsageRow> usage(String namespace, UsageGroupBy groupBy, Instant from, Instant to) {
    pending.await(namespace);
    String key =
        switch (groupBy) {
          case AGENT -> "agent";
          case MODEL -> "model";
          case PROVIDER -> "provider";
          case DAY -> "(started_at / " + DAY_MILLIS + ")";
        };
    String sql =
        "SELECT "
            + key
            + " AS k, count(*) AS calls, sum(input_tokens) AS i, sum(output_tokens) AS o,"
            + " sum(cache_read_tokens) AS cr, sum(cache_write_tokens) AS cw, sum(cost_micros) AS cost"
            + " FROM llm_calls WHERE namespace = ? AND started_at >= ? AND started_at < ?"
            + " GROUP BY "
            + key
            + " ORDER BY CASE WHEN "
            + key
            + " IS NULL THEN 0 ELSE 1 END, "
            + key;
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        bindAll(ps, namespace, from, to);
        List<UsageRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Optional<String> k =
                groupBy == UsageGroupBy.DAY
                    ? Optional.of(LocalDate.ofEpochDay(rs.getLong("k")).toString())
                    : Optional.ofNullable(rs.getString("k"));
            out.add(
                new UsageRow(
                    k,
                    rs.getLong("calls"),
                    rs.getLong("i"),
                    rs.getLong("o"),
                    rs.getLong("cr"),
                    rs.getLong("cw"),
                    rs.getLong("cost")));
          }
        }
        return out;
      }
    });
  }

  private static List<LlmCallRecord> select(Connection c, String where, Object... args)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM llm_calls " + where)) {
      bindAll(ps, args);
      List<LlmCallRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
      return out;
    }
  }

  private static LlmCallRecord read(ResultSet rs) throws SQLException {
    return new LlmCallRecord(
        rs.getString("id"),
        rs.getString("namespace"),
        Sql.string(rs, "agent"),
        rs.getString("model"),
        rs.getString("provider"),
        Sql.string(rs, "variant"),
        Sql.string(rs, "endpoint"),
        new TokenUsage(
            rs.getLong("input_tokens"),
            rs.getLong("output_tokens"),
            rs.getLong("cache_read_tokens"),
            rs.getLong("cache_write_tokens")),
        rs.getLong("cost_micros"),
        rs.getLong("latency_ms"),
        Sql.optionalLong(rs, "ttft_ms"),
        Sql.string(rs, "finish_reason"),
        "ok".equals(rs.getString("status")),
        Sql.string(rs, "error"),
        Sql.string(rs, "invocation_id"),
        Sql.string(rs, "trace_id"),
        Sql.string(rs, "session_id"),
        Sql.instant(rs, "started_at"));
  }
}
