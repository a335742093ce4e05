package dev.agentdispatch.store.sql;

import static dev.agentdispatch.store.sql.Sql.bindAll;

import dev.agentdispatch.store.Page;
import dev.agentdispatch.store.memory.KvEntry;
import dev.agentdispatch.store.memory.KvStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Agent memory over SQL. Every read filters on {@code expires_at}, so an entry is gone the moment
 * its TTL passes, whether or not the pruning loop has run yet.
 */
public final class SqlKvStore implements KvStore {
  private static final String COLUMNS =
      "namespace, agent, key, value, expires_at, created_at, updated_at";
  private static final String LIVE = " AND (expires_at IS NULL OR expires_at > ?)";

  private final Transactor db;

  public SqlKvStore(Transactor db) {
    this.db = db;
  }

  @Override
  public KvEntry put(
      String namespace,
      String agent,
      String key,
      String valueJson,
      Optional<Instant> expiresAt,
      Instant now) {
    return db.write(tx -> {
      // An expired entry that is overwritten counts as new: it keeps no creation time from its past
      // life.
      try (PreparedStatement ps =
          tx.connection()
              .prepareStatement(
                  "INSERT INTO agent_kv ("
                      + COLUMNS
                      + ")"
                      + " VALUES (?,?,?,?,?,?,?) ON CONFLICT (namespace, agent, key) DO UPDATE SET value = excluded.value,"
                      + " expires_at = excluded.expires_at, updated_at = excluded.updated_at, created_at = CASE"
                      + " WHEN agent_kv.expires_at IS NOT NULL AND agent_kv.expires_at <= excluded.updated_at"
                      + " THEN excluded.created_at ELSE agent_kv.created_at END RETURNING "
                      + COLUMNS)) {
        bindAll(ps, namespace, agent, key, valueJson, expiresAt, now, now);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return read(rs);
        }
      }
    });
  }

  @Override
  public Optional<KvEntry> get(String namespace, String agent, String key, Instant now) {
    return db.read(c -> {
      List<KvEntry> rows =
          select(
              c,
              "WHERE namespace = ? AND agent = ? AND key = ?" + LIVE,
              namespace,
              agent,
              key,
              now);
      return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    });
  }

  @Override
  public boolean delete(String namespace, String agent, String key, Instant now) {
    return db.write(tx -> {
      try (PreparedStatement ps =
          tx.connection()
              .prepareStatement(
                  "DELETE FROM agent_kv WHERE namespace = ? AND agent = ? AND key = ?" + LIVE)) {
        bindAll(ps, namespace, agent, key, now);
        return ps.executeUpdate() > 0;
      }
    });
  }

  @Override
  public Page<KvEntry> list(
      String namespace,
      String agent,
      String prefix,
      int limit,
      Optional<String> cursor,
      Instant now) {
    // substr() compares exactly on both databases (LIKE is case-insensitive on SQLite and needs
    // escaping).
    StringBuilder where =
        new StringBuilder("WHERE namespace = ? AND agent = ? AND substr(key, 1, ?) = ?" + LIVE);
    // substr() counts characters (code points), not Java's UTF-16 units: an emoji is one.
    int characters = prefix.codePointCount(0, prefix.length());
    List<Object> args = new ArrayList<>(List.of(namespace, agent, characters, prefix, now));
    cursor.ifPresent(k -> {
      where.append(" AND key > ?");
      args.add(k);
    });
    where.append(" ORDER BY key LIMIT ?");
    args.add(limit + 1);
    List<KvEntry> rows = db.read(c -> select(c, where.toString(), args.toArray()));
    if (rows.size() <= limit) {
      return new Page<>(rows, Optional.empty());
    }
    List<KvEntry> page = rows.subList(0, limit);
    return new Page<>(page, Optional.of(page.get(page.size() - 1).key()));
  }

  @Override
  public int pruneExpired(Instant now, int limit) {
    return db.write(tx -> {
      try (PreparedStatement ps =
          tx.connection()
              .prepareStatement(
                  "DELETE FROM agent_kv WHERE (namespace, agent, key)"
                      + " IN (SELECT namespace, agent, key FROM agent_kv WHERE expires_at <= ? LIMIT ?)")) {
        bindAll(ps, now, limit);
        return ps.executeUpdate();
      }
    });
  }

  private static List<KvEntry> select(Connection c, String where, Object... args)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM agent_kv " + where)) {
      bindAll(ps, args);
      List<KvEntry> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
      return out;
    }
  }

  private static KvEntry read(ResultSet rs) throws SQLException {
    return new KvEntry(
        rs.getString("namespace"),
        rs.getString("agent"),
        rs.getString("key"),
        rs.getString("value"),
        Sql.optionalInstant(rs, "expires_at"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"));
  }
}
