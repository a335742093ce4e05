package dev.agentdispatch.runtime.checkpoint;

import dev.agentdispatch.runtime.clock.RuntimeClock;
import dev.agentdispatch.runtime.internal.Json;
import dev.agentdispatch.runtime.internal.Timestamps;
import dev.agentdispatch.runtime.sinks.SqliteStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checkpoints in SQLite (table {@code checkpoints}, WAL mode). Paging is done in Java over the
 * thread's rows so that the order is exactly {@link InMemorySaver}'s.
 */
public final class SqliteSaver implements StepCheckpointSaver, AutoCloseable {
  private static final List<String> DDL =
      List.of(
          "CREATE TABLE IF NOT EXISTS checkpoints(id TEXT PRIMARY KEY, thread_id TEXT NOT NULL,"
              + " created_at TEXT NOT NULL, created_nanos INTEGER NOT NULL, parent_id TEXT,"
              + " state TEXT NOT NULL, metadata TEXT NOT NULL)",
          "CREATE INDEX IF NOT EXISTS idx_checkpoints_thread ON checkpoints(thread_id)",
          "CREATE TABLE IF NOT EXISTS checkpoint_steps(thread_id TEXT NOT NULL, step_key TEXT NOT"
              + " NULL, created_at TEXT NOT NULL, created_nanos INTEGER NOT NULL, value TEXT,"
              + " metadata TEXT NOT NULL, PRIMARY KEY (thread_id, step_key))");

  private final SqliteStore store;
  private final RuntimeClock clock;

  public SqliteSaver(String path, RuntimeClock clock) {
    this.store = SqliteStore.open(path, "checkpoint", DDL);
    this.clock = Objects.requireNonNull(clock, "clock is null");
  }

  public SqliteSaver(String path) {
    this(path, RuntimeClock.system());
  }

  @Override
  public synchronized Optional<Checkpoint> get(String threadId) {
    return rows(threadId).stream().findFirst();
  }

  @Override
  public synchronized Optional<Checkpoint> get(String threadId, String id) {
    return rows(threadId).stream().filter(c -> c.id().equals(id)).findFirst();
  }

  @Override
  public synchronized Checkpoint put(
      String threadId,
      Map<String, Object> state,
      Optional<String> parentId,
      Map<String, Object> metadata) {
    Checkpoint c =
        new Checkpoint(Checkpoints.newId(), threadId, clock.wallNow(), state, parentId, metadata);
    try (PreparedStatement ps =
        store
            .connection()
            .prepareStatement(
                "INSERT INTO checkpoints(id, thread_id, created_at, created_nanos, parent_id, state, metadata)"
                    + " VALUES (?,?,?,?,?,?,?)")) {
      ps.setString(1, c.id());
      ps.setString(2, c.threadId());
      ps.setString(3, Timestamps.format(c.createdAt()));
      ps.setLong(4, c.createdAt().getEpochSecond() * 1_000_000_000L + c.createdAt().getNano());
      ps.setString(5, c.parentId().orElse(null));
      ps.setString(6, Json.write(c.state()));
      ps.setString(7, Json.write(c.metadata()));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("sqlite checkpoint write failed: " + e.getMessage(), e);
    }
    return c;
  }

  @Override
  public synchronized List<Checkpoint> list(String threadId, Optional<String> before, int limit) {
    return Checkpoints.page(rows(threadId), before, limit);
  }

  /** Removes every checkpoint and every step of the thread. */
  @Override
  public synchronized void delete(String threadId) {
    for (String table : List.of("checkpoints", "checkpoint_steps")) {
      try (PreparedStatement ps =
          store.connection().prepareStatement("DELETE FROM " + table + " WHERE thread_id = ?")) {
        ps.setString(1, threadId);
        ps.executeUpdate();
      } catch (SQLException e) {
        throw new IllegalStateException("sqlite checkpoint delete failed: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public synchronized StepCheckpoint putStep(
      String threadId, String stepKey, Optional<Object> value, Map<String, Object> metadata) {
    StepCheckpoint step = new StepCheckpoint(threadId, stepKey, clock.wallNow(), value, metadata);
    try (PreparedStatement ps =
        store
            .connection()
            .prepareStatement(
                "INSERT OR REPLACE INTO checkpoint_steps(thread_id, step_key, created_at,"
                    + " created_nanos, value, metadata) VALUES (?,?,?,?,?,?)")) {
      ps.setString(1, step.threadId());
      ps.setString(2, step.stepKey());
      ps.setString(3, Timestamps.format(step.createdAt()));
      ps.setLong(4, nanos(step.createdAt()));
      ps.setString(5, step.value().map(Json::write).orElse(null));
      ps.setString(6, Json.write(step.metadata()));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("sqlite step write failed: " + e.getMessage(), e);
    }
    return step;
  }

  @Override
  public synchronized Optional<StepCheckpoint> getStep(String threadId, String stepKey) {
    return steps(threadId, Optional.of(stepKey)).stream().findFirst();
  }

  @Override
  public synchronized List<StepCheckpoint> listSteps(String threadId) {
    return steps(threadId, Optional.empty());
  }

  private List<StepCheckpoint> steps(String threadId, Optional<String> stepKey) {
    List<StepCheckpoint> out = new ArrayList<>();
    try (PreparedStatement ps =
        store
            .connection()
            .prepareStatement(
                "SELECT step_key, created_nanos, value, metadata FROM checkpoint_steps WHERE"
                    + " thread_id = ?"
                    + (stepKey.isPresent() ? " AND step_key = ?" : "")
                    + " ORDER BY created_nanos, step_key")) {
      ps.setString(1, threadId);
      if (stepKey.isPresent()) {
        ps.setString(2, stepKey.get());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new StepCheckpoint(
                  threadId,
                  rs.getString(1),
                  instant(rs.getLong(2)),
                  Optional.ofNullable(rs.getString(3)).map(Json::readValue),
                  Json.readObject(rs.getString(4))));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("sqlite step read failed: " + e.getMessage(), e);
    }
    return List.copyOf(out);
  }

  private static long nanos(java.time.Instant at) {
    return at.getEpochSecond() * 1_000_000_000L + at.getNano();
  }

  private static java.time.Instant instant(long nanos) {
    return java.time.Instant.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  private List<Checkpoint> rows(String threadId) {
    List<Checkpoint> out = new ArrayList<>();
    try (PreparedStatement ps =
        store
            .connection()
            .prepareStatement(
                "SELECT id, created_nanos, parent_id, state, metadata FROM checkpoints WHERE thread_id = ?"
                    + " ORDER BY created_nanos DESC, id DESC")) {
      ps.setString(1, threadId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long nanos = rs.getLong(2);
          out.add(
              new Checkpoint(
                  rs.getString(1),
                  threadId,
                  java.time.Instant.ofEpochSecond(
                      Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)),
                  Json.readObject(rs.getString(4)),
                  Optional.ofNullable(rs.getString(3)),
                  Json.readObject(rs.getString(5))));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("sqlite checkpoint read failed: " + e.getMessage(), e);
    }
    return out;
  }

  @Override
  public synchronized void close() {
    store.close();
  }
}
