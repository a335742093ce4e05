package dev.agentdispatch.store.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Small JDBC helpers for binding optional values and epoch-millisecond times. */
public final class Sql {
  private Sql() {}

  /**
   * The statement to bind a large batch on (an event's fan-out: tens of thousands of calls). On
   * SQLite that is the driver's own statement under the statement cache's handle, whose reflective
   * proxy would otherwise cost more than the binding itself; the handle stays the one to close,
   * which resets the statement for reuse. Elsewhere the statement as prepared.
   */
  static PreparedStatement forBatch(Tx tx, PreparedStatement prepared) throws SQLException {
    return tx.dialect() == Dialect.SQLITE ? prepared.unwrap(PreparedStatement.class) : prepared;
  }

  public static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
    Object v = value instanceof Optional<?> o ? o.orElse(null) : value;
    if (v == null) {
      ps.setNull(index, Types.NULL);
    } else if (v instanceof Instant i) {
      ps.setLong(index, i.toEpochMilli());
    } else if (v instanceof Boolean b) {
      ps.setInt(index, b ? 1 : 0);
    } else {
      ps.setObject(index, v);
    }
  }

  public static void bindAll(PreparedStatement ps, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      bind(ps, i + 1, values[i]);
    }
  }

  /**
   * IN-list sizes: every list is padded up to one of these, so only a few distinct statements
   * exist.
   */
  private static final int[] IN_SIZES = {1, 4, 16, 64, 256, 1024};

  /**
   * Placeholders and values for {@code IN (...)} of {@code values}, padded (by repeating the last
   * value) to a fixed size: a distinct SQL string per list length would defeat statement caching.
   */
  public record InList(String placeholders, List<Object> values) {
    public static InList of(List<?> values) {
      if (values.isEmpty()) {
        throw new IllegalArgumentException("an IN list needs at least one value");
      }
      int size = values.size();
      for (int bucket : IN_SIZES) {
        if (bucket >= values.size()) {
          size = bucket;
          break;
        }
      }
      List<Object> padded = new java.util.ArrayList<>(values);
      while (padded.size() < size) {
        padded.add(values.get(values.size() - 1));
      }
      return new InList("?,".repeat(size - 1) + "?", padded);
    }
  }

  public static Optional<String> string(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getString(column));
  }

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    return Instant.ofEpochMilli(rs.getLong(column));
  }

  public static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
  }

  public static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(v);
  }
}
