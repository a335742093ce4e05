package dev.agentdispatch.store.sql;

import static dev.agentdispatch.store.sql.Sql.bindAll;

import dev.agentdispatch.core.agent.RateLimit;
import dev.agentdispatch.core.auth.ApiKey;
import dev.agentdispatch.core.auth.Role;
import dev.agentdispatch.store.key.KeyStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** API keys over SQL. */
public final class SqlKeyStore implements KeyStore {
  private final Transactor db;

  public SqlKeyStore(Transactor db) {
    this.db = db;
  }

  @Override
  public void insert(ApiKey k) {
    db.write(tx -> {
      try (PreparedStatement ps =
          tx.connection()
              .prepareStatement(
                  "INSERT INTO api_keys (id, name, prefix, hash, namespace, role, created_at, revoked_at,"
                      + " rate_limit, rate_period_ms, rate_burst, rate_mode, agents)"
                      + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
        bindAll(
            ps,
            k.id(),
            k.name(),
            k.prefix(),
            k.hash(),
            k.namespace(),
            k.role().wire(),
            k.createdAt(),
            k.revokedAt(),
            k.rateLimit().map(RateLimit::limit),
            k.rateLimit().map(r -> r.period().toMillis()),
            k.rateLimit().map(RateLimit::burst),
            k.rateLimit().map(r -> r.mode().name().toLowerCase(Locale.ROOT)),
            k.agents().isEmpty()
                ? Optional.empty()
                : Optional.of(String.join(",", new TreeSet<>(k.agents()))));
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public Optional<ApiKey> findByHash(String hash) {
    return db.read(c -> select(c, "WHERE hash=?", hash)).stream().findFirst();
  }

  @Override
  public List<ApiKey> list() {
    return db.read(c -> select(c, "ORDER BY created_at"));
  }

  @Override
  public boolean revoke(String idOrPrefix, Instant now) {
    return db.write(tx -> {
      try (PreparedStatement ps =
          tx.connection()
              .prepareStatement(
                  "UPDATE api_keys SET revoked_at=? WHERE (id=? OR prefix=?) AND revoked_at IS NULL")) {
        bindAll(ps, now, idOrPrefix, idOrPrefix);
        return ps.executeUpdate() > 0;
      }
    });
  }

  private static Optional<RateLimit> rate(ResultSet rs) throws SQLException {
    Optional<Long> limit = Sql.optionalLong(rs, "rate_limit");
    if (limit.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new RateLimit(
            limit.get().intValue(),
            Duration.ofMillis(rs.getLong("rate_period_ms")),
            rs.getInt("rate_burst"),
            false,
            RateLimit.Mode.valueOf(rs.getString("rate_mode").toUpperCase(Locale.ROOT))));
  }

  private static List<ApiKey> select(java.sql.Connection c, String where, Object... args)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, name, prefix, hash, namespace, role, created_at, revoked_at, rate_limit,"
                + " rate_period_ms, rate_burst, rate_mode, agents FROM api_keys "
                + where)) {
      bindAll(ps, args);
      List<ApiKey> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new ApiKey(
                  rs.getString("id"),
                  rs.getString("name"),
                  rs.getString("prefix"),
                  rs.getString("hash"),
                  rs.getString("namespace"),
                  Role.parse(rs.getString("role")).orElseThrow(),
                  Sql.instant(rs, "created_at"),
                  Sql.optionalInstant(rs, "revoked_at"),
                  rate(rs),
                  Sql.string(rs, "agents").map(a -> Set.of(a.split(","))).orElse(Set.of())));
        }
      }
      return out;
    }
  }
}
