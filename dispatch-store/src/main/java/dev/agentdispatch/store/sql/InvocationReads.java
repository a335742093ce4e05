package dev.agentdispatch.store.sql;

import static dev.agentdispatch.store.sql.Sql.bindAll;

import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads invocation rows inside a caller's transaction or read. Shared by every store that looks at
 * invocations (the invocation, session and schedule stores), so none reaches into another's
 * internals.
 */
final class InvocationReads {
  private static final String SELECT = "SELECT " + InvocationRows.COLUMNS + " FROM invocations ";

  private InvocationReads() {}

  /** The first invocation matching {@code where} (which may order and lock), if any. */
  static Optional<Invocation> one(Connection c, String where, Object... args) throws SQLException {
    List<Invocation> rows = many(c, where, args);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** The invocations matching {@code where} (a WHERE clause, with any ORDER BY, LIMIT and lock). */
  static List<Invocation> many(Connection c, String where, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + where)) {
      bindAll(ps, args);
      List<Invocation> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(InvocationRows.read(rs));
        }
      }
      return out;
    }
  }

  /**
   * The running invocation held under {@code leaseId} (by {@code workerId}, when given), locked for
   * the rest of the transaction.
   */
  static Optional<Invocation> heldLease(
      Connection c, Dialect dialect, String namespace, String leaseId, Optional<String> workerId)
      throws SQLException {
    Optional<Invocation> inv =
        one(c, "WHERE lease_id=? AND namespace=? " + dialect.lockForUpdate(), leaseId, namespace);
    return inv.filter(i -> i.status() == InvocationStatus.RUNNING)
        .filter(i ->
            workerId.isEmpty()
                || i.state().lease().map(l -> l.workerId().equals(workerId.get())).orElse(false));
  }
}
