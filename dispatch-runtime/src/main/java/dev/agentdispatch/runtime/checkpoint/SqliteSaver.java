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
public final class SqliteSaver implements CheckpointSaver, AutoCloseable {
  private static final List<String> DDL =
      List.of(
          "CREATE TABLE IF NOT EXISTS checkpoints(id TEXT PRIMARY KEY, thread_id TEXT NOT NULL,"
              + " created_at TEXT NOT NULL, created_nanos INTEGER NOT NULL, parent_id TEXT,"
              + " state TEXT NOT NULL, metadata TEXT NOT NULL)",
          "CREATE INDEX IF NOT EXISTS idx_checkpoints_thread ON checkpoints(thread_id)");

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

  @Override
  public synchronized void delete(String threadId) {
    try (PreparedStatement ps =
        store.connection().prepareStatement("DELETE FROM checkpoints WHERE thread_id = ?")) {
      ps.setString(1, threadId);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("sqlite checkpoint delete failed: " + e.getMessage(), e);
    }
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
