package dev.agentdispatch.store.sql;

import static dev.agentdispatch.store.sql.Sql.bindAll;

import dev.agentdispatch.store.llm.Admission;
import dev.agentdispatch.store.llm.BudgetRecord;
import dev.agentdispatch.store.llm.BudgetUsage;
import dev.agentdispatch.store.llm.Hold;
import dev.agentdispatch.store.llm.LlmBudgetStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Budgets and their counters over SQL. Admission locks the counter rows it needs (in scope order),
 * decides on what it read, and writes the holds, all in one write transaction: on SQLite the single
 * writer runs it alone, on PostgreSQL the row locks serialise it with every other node's.
 */
public final class SqlLlmBudgetStore implements LlmBudgetStore {
  private final Transactor db;
  private final LlmBudgetRows rows;
  private final PendingWrites pending;
  private final Optional<LocalHolds> localHolds;
  private final Optional<NodeAllowances> allowances;

  /**
   * @param pending the records this node queued, which its reads wait for
   * @param localHolds where holds are kept when only this node writes the store (SQLite)
   * @param allowances this node's shares of the budgets, when every node writes the store
   *     (PostgreSQL); a call they cannot decide on holds a row of its own
   */
  SqlLlmBudgetStore(
      Transactor db,
      Dialect dialect,
      PendingWrites pending,
      Optional<LocalHolds> localHolds,
      Optional<NodeAllowances> allowances) {
    this.db = db;
    this.rows = new LlmBudgetRows(dialect);
    this.pending = pending;
    this.localHolds = localHolds;
    this.allowances = allowances;
  }

  @Override
  public Admission admit(
      String namespace,
      String reservationId,
      YearMonth month,
      List<Hold> holds,
      Instant expiresAt) {
    List<Hold> ordered = holds.stream().sorted(Comparator.comparing(Hold::scope)).toList();
    String m = LlmBudgetRows.month(month);
    if (localHolds.isPresent()) {
      return localHolds
          .get()
          .admit(
              namespace,
              reservationId,
              m,
              ordered,
              expiresAt,
              scope -> committed(namespace, scope, m));
    }
    if (allowances.isPresent()) {
      Optional<Admission> decided =
          allowances.get().admit(namespace, reservationId, m, ordered, expiresAt);
      if (decided.isPresent()) {
        return decided.get();
      }
    }
    return admitWithOwnRows(namespace, reservationId, m, ordered, expiresAt);
  }

  private Admission admitWithOwnRows(
      String namespace, String reservationId, String m, List<Hold> ordered, Instant expiresAt) {
    // Not waiting for the settlements this node queued: until its row commits, a settled call
    // still counts at its hold (its estimate), as any call in flight does. Waiting queued every
    // admission behind every record in flight (half the throughput, measured).
    return db.write(tx -> {
      var c = tx.connection();
      for (Hold h : ordered) {
        rows.ensure(c, namespace, h.scope(), m);
      }
      for (Hold h : ordered) {
        BudgetUsage u = rows.lock(c, namespace, h.scope(), m);
        if (u.spentMicros() + u.reservedMicros() + h.micros() > h.limitMicros()) {
          return new Admission.Refused(
              h.scope(), h.limitMicros(), u.spentMicros(), u.reservedMicros(), h.micros());
        }
      }
      for (Hold h : ordered) {
        rows.reserve(c, namespace, h.scope(), m, h.micros());
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO llm_holds (reservation_id, namespace, scope, month, micros, expires_at)"
                    + " VALUES (?,?,?,?,?,?)")) {
          bindAll(ps, reservationId, namespace, h.scope(), m, h.micros(), expiresAt);
          ps.executeUpdate();
        }
      }
      return new Admission.Admitted(reservationId);
    });
  }

  @Override
  public int releaseExpired(Instant now, int limit) {
    int local =
        localHolds.map(h -> h.releaseExpired(now, limit)).orElse(0)
            + allowances.map(a -> a.releaseExpired(now, limit)).orElse(0);
    if (local >= limit) {
      return local;
    }
    int fromDb =
        db.write(tx -> {
          var released = rows.deleteExpired(tx.connection(), now.toEpochMilli(), limit - local);
          for (var hold : released) {
            rows.release(tx.connection(), hold);
          }
          return released.size();
        });
    if (fromDb > 0) {
      localHolds.ifPresent(LocalHolds::forget);
    }
    return local + fromDb;
  }

  @Override
  public BudgetUsage usage(String namespace, String scope, YearMonth month) {
    pending.await(namespace);
    String m = LlmBudgetRows.month(month);
    BudgetUsage u = committed(namespace, scope, m);
    long here = localHolds.map(h -> h.reserved(namespace, scope, m)).orElse(0L);
    // This node's allowance is reserved in the database whole; what no call uses of it is nobody's.
    long unused = allowances.map(a -> a.free(namespace, scope, m)).orElse(0L);
    long reserved = Math.max(0, u.reservedMicros() + here - unused);
    return reserved == u.reservedMicros()
        ? u
        : new BudgetUsage(u.spentMicros(), reserved, u.warned());
  }

  /** The counters as committed, without waiting for anything this node queued. */
  private BudgetUsage committed(String namespace, String scope, String month) {
    return db.read(c ->
        LlmBudgetRows.read(
            c,
            "SELECT spent_micros, reserved_micros, warned FROM llm_budget_usage"
                + " WHERE namespace=? AND scope=? AND month=?",
            namespace,
            scope,
            month));
  }

  @Override
  public BudgetRecord put(BudgetRecord b) {
    db.write(tx -> {
      try (PreparedStatement ps =
          tx.connection()
              .prepareStatement(
                  "INSERT INTO llm_budgets (namespace, scope, limit_micros, warn_at, updated_at)"
                      + " VALUES (?,?,?,?,?) ON CONFLICT (namespace, scope) DO UPDATE SET"
                      + " limit_micros = excluded.limit_micros, warn_at = excluded.warn_at,"
                      + " updated_at = excluded.updated_at")) {
        bindAll(ps, b.namespace(), b.scope(), b.limitMicros(), b.warnAt(), b.updatedAt());
        return ps.executeUpdate();
      }
    });
    return b;
  }

  @Override
  public Optional<BudgetRecord> find(String namespace, String scope) {
    return db.read(c -> {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT limit_micros, warn_at, updated_at FROM llm_budgets"
                  + " WHERE namespace=? AND scope=?")) {
        bindAll(ps, namespace, scope);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          return Optional.of(
              new BudgetRecord(
                  namespace,
                  scope,
                  rs.getLong("limit_micros"),
                  rs.getDouble("warn_at"),
                  Sql.instant(rs, "updated_at")));
        }
      }
    });
  }

  @Override
  public boolean delete(String namespace, String scope) {
    return db.write(tx -> {
      try (PreparedStatement ps =
          tx.connection()
              .prepareStatement("DELETE FROM llm_budgets WHERE namespace=? AND scope=?")) {
        bindAll(ps, namespace, scope);
        return ps.executeUpdate() > 0;
      }
    });
  }
}
