package dev.agentdispatch.store.sql;

import static dev.agentdispatch.store.sql.Sql.bindAll;

import dev.agentdispatch.store.agent.AgentRecord;
import dev.agentdispatch.store.agent.AgentStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Agents and worker liveness over SQL (the same statements for every dialect). */
public final class SqlAgentStore implements AgentStore {
  private static final String SELECT =
      "SELECT a.namespace, a.name, a.spec, a.created_at, a.updated_at,"
          + " (SELECT max(w.last_seen) FROM workers w WHERE w.namespace=a.namespace AND w.agent=a.name) AS last_seen,"
          + " (SELECT count(*) FROM workers w WHERE w.namespace=a.namespace AND w.agent=a.name AND w.last_seen>=?) AS live"
          + " FROM agents a ";

  private final Transactor db;

  public SqlAgentStore(Transactor db) {
    this.db = db;
  }

  @Override
  public AgentRecord upsert(String namespace, String name, String specJson, Instant now) {
    db.write(tx -> {
      try (PreparedStatement ps =
          tx.connection()
              .prepareStatement(
                  "INSERT INTO agents (namespace, name, spec, created_at, updated_at) VALUES (?,?,?,?,?)"
                      + " ON CONFLICT (namespace, name) DO UPDATE SET spec=excluded.spec, updated_at=excluded.updated_at")) {
        bindAll(ps, namespace, name, specJson, now, now);
        return ps.executeUpdate();
      }
    });
    return find(namespace, name, Duration.ZERO, now).orElseThrow();
  }

  @Override
  public Optional<AgentRecord> find(
      String namespace, String name, Duration liveWindow, Instant now) {
    List<AgentRecord> found =
        db.read(c ->
            query(c, "WHERE a.namespace=? AND a.name=?", now.minus(liveWindow), namespace, name));
    return found.stream().findFirst();
  }

  @Override
  public List<AgentRecord> list(String namespace, Duration liveWindow, Instant now) {
    return db.read(
        c -> query(c, "WHERE a.namespace=? ORDER BY a.name", now.minus(liveWindow), namespace));
  }

  @Override
  public List<AgentRecord> listAll(Duration liveWindow, Instant now) {
    return db.read(c -> query(c, "ORDER BY a.namespace, a.name", now.minus(liveWindow)));
  }

  @Override
  public boolean delete(String namespace, String name) {
    return db.write(tx -> {
      try (PreparedStatement ps =
          tx.connection().prepareStatement("DELETE FROM agents WHERE namespace=? AND name=?")) {
        bindAll(ps, namespace, name);
        return ps.executeUpdate() > 0;
      }
    });
  }

  @Override
  public void touchWorker(String namespace, String agent, String workerId, Instant now) {
    db.write(tx -> {
      try (PreparedStatement ps =
          tx.connection()
              .prepareStatement(
                  "INSERT INTO workers (namespace, agent, worker_id, last_seen) VALUES (?,?,?,?)"
                      + " ON CONFLICT (namespace, agent, worker_id) DO UPDATE SET last_seen=excluded.last_seen")) {
        bindAll(ps, namespace, agent, workerId, now);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public int pruneWorkersSeenBefore(Instant cutoff, int limit) {
    return db.write(tx -> {
      try (PreparedStatement ps =
          tx.connection()
              .prepareStatement(
                  "DELETE FROM workers WHERE (namespace, agent, worker_id) IN (SELECT namespace,"
                      + " agent, worker_id FROM workers WHERE last_seen < ? LIMIT ?)")) {
        bindAll(ps, cutoff, limit);
        return ps.executeUpdate();
      }
    });
  }

  private static List<AgentRecord> query(
      Connection c, String where, Instant liveSince, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + where)) {
      Sql.bind(ps, 1, liveSince);
      for (int i = 0; i < args.length; i++) {
        Sql.bind(ps, i + 2, args[i]);
      }
      List<AgentRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new AgentRecord(
                  rs.getString("namespace"),
                  rs.getString("name"),
                  rs.getString("spec"),
                  Sql.instant(rs, "created_at"),
                  Sql.instant(rs, "updated_at"),
                  Sql.optionalInstant(rs, "last_seen"),
                  rs.getInt("live")));
        }
      }
      return out;
    }
  }
}
