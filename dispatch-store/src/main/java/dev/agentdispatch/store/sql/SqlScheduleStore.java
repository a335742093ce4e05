package dev.agentdispatch.store.sql;

import static dev.agentdispatch.store.sql.Sql.bindAll;

import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.core.schedule.Catchup;
import dev.agentdispatch.core.schedule.Overlap;
import dev.agentdispatch.store.ConflictException;
import dev.agentdispatch.store.invocation.CreateOutcome;
import dev.agentdispatch.store.schedule.ScheduleFire;
import dev.agentdispatch.store.schedule.ScheduleRecord;
import dev.agentdispatch.store.schedule.ScheduleStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Schedules over SQL. A fire is exactly-once twice over: the schedule row is moved on only if it is
 * still due at the expected time (checked under a row lock), and the invocation carries the
 * idempotency key {@code schedule:{id}:{fire_time}}.
 */
public final class SqlScheduleStore implements ScheduleStore {
  private static final String COLUMNS =
      "id, namespace, name, agent, function, cron, timezone, payload, paused, overlap,"
          + " catchup, declared, next_fire_at, last_fire_at, last_invocation_id, created_at, updated_at";

  private final Transactor db;
  private final Dialect dialect;
  private final SqlInvocationStore invocations;

  /**
   * @param invocations creates the invocations of fires, in the fire's transaction
   */
  public SqlScheduleStore(Transactor db, Dialect dialect, SqlInvocationStore invocations) {
    this.db = db;
    this.dialect = dialect;
    this.invocations = invocations;
  }

  @Override
  public ScheduleRecord insert(ScheduleRecord s) {
    return db.write(tx -> {
      if (!many(tx.connection(), "WHERE namespace=? AND name=?", s.namespace(), s.name())
          .isEmpty()) {
        throw nameTaken(s.namespace(), s.name());
      }
      insertRow(tx.connection(), s);
      return s;
    });
  }

  @Override
  public Optional<ScheduleRecord> find(String namespace, String id) {
    return db.read(c -> many(c, "WHERE namespace=? AND id=?", namespace, id).stream().findFirst());
  }

  @Override
  public List<ScheduleRecord> list(String namespace, Optional<String> agent) {
    return db.read(c ->
        agent.isPresent()
            ? many(c, "WHERE namespace=? AND agent=? ORDER BY name", namespace, agent.get())
            : many(c, "WHERE namespace=? ORDER BY name", namespace));
  }

  @Override
  public Optional<ScheduleRecord> update(
      String namespace, String id, UnaryOperator<ScheduleRecord> change) {
    return db.write(tx -> {
      Optional<ScheduleRecord> current =
          many(
                  tx.connection(),
                  "WHERE namespace=? AND id=? " + dialect.lockForUpdate(),
                  namespace,
                  id)
              .stream()
              .findFirst();
      if (current.isEmpty()) {
        return Optional.<ScheduleRecord>empty();
      }
      ScheduleRecord next = change.apply(current.get());
      updateRow(tx.connection(), next);
      return Optional.of(next);
    });
  }

  @Override
  public boolean delete(String namespace, String id) {
    return db.write(tx -> {
      try (PreparedStatement ps =
          tx.connection().prepareStatement("DELETE FROM schedules WHERE namespace=? AND id=?")) {
        bindAll(ps, namespace, id);
        return ps.executeUpdate() > 0;
      }
    });
  }

  @Override
  public void syncDeclared(String namespace, String agent, List<ScheduleRecord> declared) {
    db.write(tx -> {
      Map<String, ScheduleRecord> existing =
          many(
                  tx.connection(),
                  "WHERE namespace=? AND agent=? AND declared=1 " + dialect.lockForUpdate(),
                  namespace,
                  agent)
              .stream()
              .collect(Collectors.toMap(ScheduleRecord::name, s -> s));
      Set<String> keep = declared.stream().map(ScheduleRecord::name).collect(Collectors.toSet());
      for (ScheduleRecord old : existing.values()) {
        if (!keep.contains(old.name())) {
          deleteRow(tx.connection(), old.id());
        }
      }
      for (ScheduleRecord s : declared) {
        ScheduleRecord old = existing.get(s.name());
        if (old == null) {
          if (!many(tx.connection(), "WHERE namespace=? AND name=?", namespace, s.name())
              .isEmpty()) {
            throw nameTaken(namespace, s.name());
          }
          insertRow(tx.connection(), s);
        } else if (!sameDefinition(old, s)) {
          updateRow(
              tx.connection(),
              new ScheduleRecord(
                  old.id(),
                  namespace,
                  s.name(),
                  s.agent(),
                  s.function(),
                  s.cron(),
                  s.timezone(),
                  s.payloadJson(),
                  old.paused(),
                  s.overlap(),
                  s.catchup(),
                  true,
                  s.nextFireAt(),
                  old.lastFireAt(),
                  old.lastInvocationId(),
                  old.createdAt(),
                  s.updatedAt()));
        }
      }
      return null;
    });
  }

  private static ConflictException nameTaken(String namespace, String name) {
    return new ConflictException(
        ConflictException.Kind.NAME_TAKEN,
        "a schedule named '" + name + "' already exists in namespace '" + namespace + "'");
  }

  private static boolean sameDefinition(ScheduleRecord a, ScheduleRecord b) {
    return a.function().equals(b.function())
        && a.cron().equals(b.cron())
        && a.timezone().equals(b.timezone())
        && a.payloadJson().equals(b.payloadJson())
        && a.overlap() == b.overlap()
        && a.catchup() == b.catchup();
  }

  @Override
  public List<ScheduleRecord> due(Instant now, int limit) {
    return db.read(c ->
        many(
            c,
            "WHERE paused=0 AND next_fire_at IS NOT NULL AND next_fire_at<=? ORDER BY next_fire_at LIMIT ?",
            now,
            limit));
  }

  @Override
  public boolean fire(ScheduleFire fire, Instant now) {
    return db.write(tx -> {
      Optional<ScheduleRecord> current =
          many(
                  tx.connection(),
                  "WHERE namespace=? AND id=? " + dialect.lockForUpdate(),
                  fire.namespace(),
                  fire.scheduleId())
              .stream()
              .findFirst();
      if (current.isEmpty()
          || current.get().paused()
          || !current.get().nextFireAt().equals(Optional.of(fire.dueAt()))) {
        return false;
      }
      ScheduleRecord s = current.get();
      Optional<String> invocationId = s.lastInvocationId();
      if (fire.invocation().isPresent()) {
        InvocationSpec spec = fire.invocation().get();
        CreateOutcome created = invocations.createIn(tx, spec, now, now);
        invocationId = Optional.of(created.invocation().id());
      }
      updateRow(
          tx.connection(),
          new ScheduleRecord(
              s.id(),
              s.namespace(),
              s.name(),
              s.agent(),
              s.function(),
              s.cron(),
              s.timezone(),
              s.payloadJson(),
              s.paused(),
              s.overlap(),
              s.catchup(),
              s.declared(),
              fire.nextFireAt(),
              fire.fireTime().or(s::lastFireAt),
              invocationId,
              s.createdAt(),
              now));
      return true;
    });
  }

  @Override
  public boolean running(String namespace, String invocationId) {
    return db.read(c ->
        InvocationReads.one(c, "WHERE id=? AND namespace=?", invocationId, namespace)
            .map(inv -> !inv.status().terminal())
            .orElse(false));
  }

  private static void insertRow(Connection c, ScheduleRecord s) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO schedules (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      bindAll(
          ps,
          s.id(),
          s.namespace(),
          s.name(),
          s.agent(),
          s.function(),
          s.cron(),
          s.timezone(),
          s.payloadJson(),
          s.paused(),
          s.overlap().wire(),
          s.catchup().wire(),
          s.declared(),
          s.nextFireAt(),
          s.lastFireAt(),
          s.lastInvocationId(),
          s.createdAt(),
          s.updatedAt());
      ps.executeUpdate();
    }
  }

  private static void updateRow(Connection c, ScheduleRecord s) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE schedules SET name=?, agent=?, function=?, cron=?, timezone=?, payload=?, paused=?, overlap=?, catchup=?,"
                + " declared=?, next_fire_at=?, last_fire_at=?, last_invocation_id=?, updated_at=? WHERE id=?")) {
      bindAll(
          ps,
          s.name(),
          s.agent(),
          s.function(),
          s.cron(),
          s.timezone(),
          s.payloadJson(),
          s.paused(),
          s.overlap().wire(),
          s.catchup().wire(),
          s.declared(),
          s.nextFireAt(),
          s.lastFireAt(),
          s.lastInvocationId(),
          s.updatedAt(),
          s.id());
      ps.executeUpdate();
    }
  }

  private static void deleteRow(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM schedules WHERE id=?")) {
      ps.setString(1, id);
      ps.executeUpdate();
    }
  }

  private static List<ScheduleRecord> many(Connection c, String where, Object... args)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM schedules " + where)) {
      bindAll(ps, args);
      List<ScheduleRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new ScheduleRecord(
                  rs.getString("id"),
                  rs.getString("namespace"),
                  rs.getString("name"),
                  rs.getString("agent"),
                  rs.getString("function"),
                  rs.getString("cron"),
                  rs.getString("timezone"),
                  rs.getString("payload"),
                  rs.getInt("paused") != 0,
                  Overlap.parse(rs.getString("overlap")).orElseThrow(),
                  Catchup.parse(rs.getString("catchup")).orElseThrow(),
                  rs.getInt("declared") != 0,
                  Sql.optionalInstant(rs, "next_fire_at"),
                  Sql.optionalInstant(rs, "last_fire_at"),
                  Sql.string(rs, "last_invocation_id"),
                  Sql.instant(rs, "created_at"),
                  Sql.instant(rs, "updated_at")));
        }
      }
      return out;
    }
  }
}
