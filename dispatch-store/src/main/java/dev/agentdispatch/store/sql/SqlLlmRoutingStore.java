package dev.agentdispatch.store.sql;

import static dev.agentdispatch.store.sql.Sql.bindAll;

import dev.agentdispatch.core.llm.LlmExperiment;
import dev.agentdispatch.core.llm.LlmFormat;
import dev.agentdispatch.core.llm.LlmProvider;
import dev.agentdispatch.core.llm.StickyBy;
import dev.agentdispatch.core.wire.WireEnum;
import dev.agentdispatch.store.llm.AliasRecord;
import dev.agentdispatch.store.llm.ExperimentPut;
import dev.agentdispatch.store.llm.ExperimentRecord;
import dev.agentdispatch.store.llm.LlmRouting;
import dev.agentdispatch.store.llm.LlmRoutingStore;
import dev.agentdispatch.store.llm.ProviderRecord;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Providers, aliases and experiments over SQL (the same statements for every dialect). An
 * experiment's scope is stored as its agent, or {@code ''} for the whole namespace, so that one
 * partial unique index keeps at most one enabled experiment per scope.
 */
public final class SqlLlmRoutingStore implements LlmRoutingStore {
  private static final String NAMESPACE_SCOPE = "";

  private static final String PROVIDER_COLUMNS =
      "SELECT namespace, name, format, base_url, api_key_env, models, default_model, priority,"
          + " created_at, updated_at FROM llm_providers ";
  private static final String ALIAS_COLUMNS =
      "SELECT namespace, alias, model, created_at, updated_at FROM llm_aliases ";
  private static final String EXPERIMENT_COLUMNS =
      "SELECT namespace, name, agent, sticky_by, variants, enabled, created_at, updated_at"
          + " FROM llm_experiments ";

  private final Transactor db;
  private final Dialect dialect;

  public SqlLlmRoutingStore(Transactor db, Dialect dialect) {
    this.db = db;
    this.dialect = dialect;
  }

  @Override
  public ProviderRecord putProvider(String namespace, LlmProvider p, Instant now) {
    db.write(tx -> {
      try (PreparedStatement ps =
          tx.connection()
              .prepareStatement(
                  "INSERT INTO llm_providers (namespace, name, format, base_url, api_key_env, models,"
                      + " default_model, priority, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)"
                      + " ON CONFLICT (namespace, name) DO UPDATE SET format=excluded.format,"
                      + " base_url=excluded.base_url, api_key_env=excluded.api_key_env,"
                      + " models=excluded.models, default_model=excluded.default_model,"
                      + " priority=excluded.priority, updated_at=excluded.updated_at")) {
        bindAll(
            ps,
            namespace,
            p.name(),
            p.format().wire(),
            p.baseUrl().toString(),
            p.apiKeyEnv(),
            LlmRoutingJson.models(p.models()),
            p.defaultModel(),
            p.priority(),
            now,
            now);
        return ps.executeUpdate();
      }
    });
    return findProvider(namespace, p.name()).orElseThrow();
  }

  @Override
  public Optional<ProviderRecord> findProvider(String namespace, String name) {
    return db.read(c -> providers(c, "WHERE namespace=? AND name=?", namespace, name)).stream()
        .findFirst();
  }

  @Override
  public List<ProviderRecord> listProviders(String namespace) {
    return db.read(c -> providers(c, "WHERE namespace=? ORDER BY priority, name", namespace));
  }

  @Override
  public boolean deleteProvider(String namespace, String name) {
    return delete("llm_providers", "name", namespace, name);
  }

  @Override
  public AliasRecord putAlias(String namespace, String alias, String model, Instant now) {
    db.write(tx -> {
      try (PreparedStatement ps =
          tx.connection()
              .prepareStatement(
                  "INSERT INTO llm_aliases (namespace, alias, model, created_at, updated_at)"
                      + " VALUES (?,?,?,?,?) ON CONFLICT (namespace, alias) DO UPDATE SET"
                      + " model=excluded.model, updated_at=excluded.updated_at")) {
        bindAll(ps, namespace, alias, model, now, now);
        return ps.executeUpdate();
      }
    });
    return findAlias(namespace, alias).orElseThrow();
  }

  @Override
  public Optional<AliasRecord> findAlias(String namespace, String alias) {
    return db.read(c -> aliases(c, "WHERE namespace=? AND alias=?", namespace, alias)).stream()
        .findFirst();
  }

  @Override
  public List<AliasRecord> listAliases(String namespace) {
    return db.read(c -> aliases(c, "WHERE namespace=? ORDER BY alias", namespace));
  }

  @Override
  public boolean deleteAlias(String namespace, String alias) {
    return delete("llm_aliases", "alias", namespace, alias);
  }

  @Override
  public ExperimentPut putExperiment(String namespace, LlmExperiment e, Instant now) {
    String scope = e.agent().orElse(NAMESPACE_SCOPE);
    return db.write(tx -> {
      Connection c = tx.connection();
      if (e.enabled()) {
        // Under concurrency the partial unique index is the guard: on PostgreSQL a unique
        // violation reruns this work, which then sees the other experiment here.
        List<ExperimentRecord> rivals =
            experiments(
                c,
                "WHERE namespace=? AND agent=? AND enabled=1 AND name<>? "
                    + dialect.lockForUpdate(),
                namespace,
                scope,
                e.name());
        if (!rivals.isEmpty()) {
          return new ExperimentPut.ScopeTaken(rivals.get(0).experiment().name());
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO llm_experiments (namespace, name, agent, sticky_by, variants, enabled,"
                  + " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)"
                  + " ON CONFLICT (namespace, name) DO UPDATE SET agent=excluded.agent,"
                  + " sticky_by=excluded.sticky_by, variants=excluded.variants,"
                  + " enabled=excluded.enabled, updated_at=excluded.updated_at")) {
        bindAll(
            ps,
            namespace,
            e.name(),
            scope,
            e.stickyBy().wire(),
            LlmRoutingJson.variants(e.variants()),
            e.enabled() ? 1 : 0,
            now,
            now);
        ps.executeUpdate();
      }
      return new ExperimentPut.Stored(
          experiments(c, "WHERE namespace=? AND name=?", namespace, e.name()).get(0));
    });
  }

  @Override
  public Optional<ExperimentRecord> findExperiment(String namespace, String name) {
    return db.read(c -> experiments(c, "WHERE namespace=? AND name=?", namespace, name)).stream()
        .findFirst();
  }

  @Override
  public List<ExperimentRecord> listExperiments(String namespace) {
    return db.read(c -> experiments(c, "WHERE namespace=? ORDER BY name", namespace));
  }

  @Override
  public boolean deleteExperiment(String namespace, String name) {
    return delete("llm_experiments", "name", namespace, name);
  }

  @Override
  public LlmRouting routing(String namespace) {
    return db.read(c ->
        new LlmRouting(
            providers(c, "WHERE namespace=? ORDER BY priority, name", namespace),
            aliases(c, "WHERE namespace=? ORDER BY alias", namespace),
            experiments(c, "WHERE namespace=? ORDER BY name", namespace)));
  }

  private boolean delete(String table, String keyColumn, String namespace, String key) {
    return db.write(tx -> {
      try (PreparedStatement ps =
          tx.connection()
              .prepareStatement(
                  "DELETE FROM " + table + " WHERE namespace=? AND " + keyColumn + "=?")) {
        bindAll(ps, namespace, key);
        return ps.executeUpdate() > 0;
      }
    });
  }

  private static List<ProviderRecord> providers(Connection c, String where, Object... args)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(PROVIDER_COLUMNS + where)) {
      bindAll(ps, args);
      List<ProviderRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          LlmProvider p =
              new LlmProvider(
                  rs.getString("name"),
                  WireEnum.parse(LlmFormat.class, rs.getString("format")).orElseThrow(),
                  URI.create(rs.getString("base_url")),
                  Sql.string(rs, "api_key_env"),
                  LlmRoutingJson.models(rs.getString("models")),
                  Sql.string(rs, "default_model"),
                  rs.getInt("priority"));
          out.add(
              new ProviderRecord(
                  rs.getString("namespace"),
                  p,
                  Sql.instant(rs, "created_at"),
                  Sql.instant(rs, "updated_at")));
        }
      }
      return out;
    }
  }

  private static List<AliasRecord> aliases(Connection c, String where, Object... args)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ALIAS_COLUMNS + where)) {
      bindAll(ps, args);
      List<AliasRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new AliasRecord(
                  rs.getString("namespace"),
                  rs.getString("alias"),
                  rs.getString("model"),
                  Sql.instant(rs, "created_at"),
                  Sql.instant(rs, "updated_at")));
        }
      }
      return out;
    }
  }

  private static List<ExperimentRecord> experiments(Connection c, String where, Object... args)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(EXPERIMENT_COLUMNS + where)) {
      bindAll(ps, args);
      List<ExperimentRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String agent = rs.getString("agent");
          LlmExperiment e =
              new LlmExperiment(
                  rs.getString("name"),
                  agent.equals(NAMESPACE_SCOPE) ? Optional.empty() : Optional.of(agent),
                  WireEnum.parse(StickyBy.class, rs.getString("sticky_by")).orElseThrow(),
                  LlmRoutingJson.variants(rs.getString("variants")),
                  rs.getInt("enabled") == 1);
          out.add(
              new ExperimentRecord(
                  rs.getString("namespace"),
                  e,
                  Sql.instant(rs, "created_at"),
                  Sql.instant(rs, "updated_at")));
        }
      }
      return out;
    }
  }
}
