package dev.agentdispatch.store.sql;

import static dev.agentdispatch.store.sql.Sql.bindAll;

import dev.agentdispatch.store.llm.BudgetUsage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The statements on {@code llm_budget_usage} and {@code llm_holds} that admission, settlement and
 * expiry share. Every transaction that changes several counter rows touches them in (namespace,
 * scope, month) order, after any hold rows, so two transactions never wait on each other in a cycle
 * on PostgreSQL.
 */
final class LlmBudgetRows {
  /** One released hold: the counter row it was on and how much it held. */
  record Released(String namespace, String scope, String month, long micros) {
    static final Comparator<Released> ORDER =
        Comparator.comparing(Released::namespace)
            .thenComparing(Released::scope)
            .thenComparing(Released::month);
  }

  private final Dialect dialect;

  LlmBudgetRows(Dialect dialect) {
    this.dialect = dialect;
  }

  static String month(YearMonth month) {
    return month.toString();
  }

  /** Makes the counter row exist, so it can be locked. */
  void ensure(Connection c, String namespace, String scope, String month) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO llm_budget_usage (namespace, scope, month, spent_micros, reserved_micros, warned)"
                + " VALUES (?,?,?,0,0,0) ON CONFLICT (namespace, scope, month) DO NOTHING")) {
      bindAll(ps, namespace, scope, month);
      ps.executeUpdate();
    }
  }

  /** Reads a counter row, locking it until the transaction ends (PostgreSQL). */
  BudgetUsage lock(Connection c, String namespace, String scope, String month) throws SQLException {
    return read(
        c,
        "SELECT spent_micros, reserved_micros, warned FROM llm_budget_usage"
            + " WHERE namespace=? AND scope=? AND month=? "
            + dialect.lockForUpdate(),
        namespace,
        scope,
        month);
  }

  static BudgetUsage read(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bindAll(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return BudgetUsage.NONE;
        }
        return new BudgetUsage(rs.getLong(1), rs.getLong(2), rs.getInt(3) != 0);
      }
    }
  }

  void reserve(Connection c, String namespace, String scope, String month, long micros)
      throws SQLException {
    update(
        c,
        "UPDATE llm_budget_usage SET reserved_micros = reserved_micros + ?"
            + " WHERE namespace=? AND scope=? AND month=?",
        micros,
        namespace,
        scope,
        month);
  }

  /**
   * Gives a hold back; never below zero, should a hold ever be released twice (it cannot: the hold
   * row is deleted first and only the deleter releases it).
   */
  void release(Connection c, Released hold) throws SQLException {
    update(
        c,
        "UPDATE llm_budget_usage SET reserved_micros = CASE WHEN reserved_micros >= ?"
            + " THEN reserved_micros - ? ELSE 0 END WHERE namespace=? AND scope=? AND month=?",
        hold.micros(),
        hold.micros(),
        hold.namespace(),
        hold.scope(),
        hold.month());
  }

  void spend(Connection c, String namespace, String scope, String month, long micros)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO llm_budget_usage (namespace, scope, month, spent_micros, reserved_micros, warned)"
                + " VALUES (?,?,?,?,0,0) ON CONFLICT (namespace, scope, month)"
                + " DO UPDATE SET spent_micros = llm_budget_usage.spent_micros + excluded.spent_micros")) {
      bindAll(ps, namespace, scope, month, micros);
      ps.executeUpdate();
    }
  }

  /**
   * Flips {@code warned} if the spend reached {@code threshold} and it was not set: true only for
   * the one transaction that flips it.
   */
  boolean warn(Connection c, String namespace, String scope, String month, long threshold)
      throws SQLException {
    return update(
            c,
            "UPDATE llm_budget_usage SET warned = 1 WHERE namespace=? AND scope=? AND month=?"
                + " AND warned = 0 AND spent_micros >= ?",
            namespace,
            scope,
            month,
            threshold)
        > 0;
  }

  /** Deletes the holds of one reservation and returns them (none when expiry got there first). */
  List<Released> deleteHolds(Connection c, String reservationId) throws SQLException {
    return deleted(
        c,
        "DELETE FROM llm_holds WHERE reservation_id = ? RETURNING namespace, scope, month, micros",
        reservationId);
  }

  /** Deletes up to {@code limit} holds that expired by {@code now} and returns them. */
  List<Released> deleteExpired(Connection c, long nowMillis, int limit) throws SQLException {
    return deleted(
        c,
        "DELETE FROM llm_holds WHERE (reservation_id, scope) IN (SELECT reservation_id, scope"
            + " FROM llm_holds WHERE expires_at <= ? LIMIT ?) RETURNING namespace, scope, month, micros",
        nowMillis,
        limit);
  }

  private static List<Released> deleted(Connection c, String sql, Object... args)
      throws SQLException {
    List<Released> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bindAll(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Released(
                  rs.getString("namespace"),
                  rs.getString("scope"),
                  rs.getString("month"),
                  rs.getLong("micros")));
        }
      }
    }
    out.sort(Released.ORDER);
    return out;
  }

  private static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bindAll(ps, args);
      return ps.executeUpdate();
    }
  }
}
