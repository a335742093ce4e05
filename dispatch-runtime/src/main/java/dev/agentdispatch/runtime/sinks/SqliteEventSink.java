package dev.agentdispatch.runtime.sinks;

import dev.agentdispatch.runtime.events.AgentEvent;
import dev.agentdispatch.runtime.internal.Timestamps;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Persists events to SQLite (table {@code agent_events}, commit per write) and replays them in
 * insertion order. Needs {@code org.xerial:sqlite-jdbc} on the classpath (an optional dependency).
 */
public final class SqliteEventSink implements EventSink, AutoCloseable {
  private static final List<String> DDL =
      List.of(
          "CREATE TABLE IF NOT EXISTS agent_events("
              + "id INTEGER PRIMARY KEY AUTOINCREMENT, emitted_at TEXT NOT NULL, event TEXT NOT NULL,"
              + " role TEXT, phase TEXT, payload TEXT NOT NULL)",
          "CREATE INDEX IF NOT EXISTS idx_agent_events_emitted_at ON agent_events(emitted_at)");

  private final SqliteStore store;

  public SqliteEventSink(String path) {
    this.store = SqliteStore.open(path, "event_sink", DDL);
  }

  @Override
  public synchronized void emit(AgentEvent event) {
    try (PreparedStatement ps =
        store
            .connection()
            .prepareStatement(
                "INSERT INTO agent_events(emitted_at, event, role, phase, payload) VALUES (?,?,?,?,?)")) {
      ps.setString(1, Timestamps.format(event.emittedAt()));
      ps.setString(2, event.event().value());
      ps.setString(3, event.role().orElse(null));
      ps.setString(4, event.phase().orElse(null));
      ps.setString(5, event.toJson());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("sqlite event sink write failed: " + e.getMessage(), e);
    }
  }

  /** Every stored event, oldest first. */
  public List<AgentEvent> replay() {
    return replay(OptionalInt.empty());
  }

  /** Up to {@code limit} stored events, oldest first; a limit {@code <= 0} returns nothing. */
  public synchronized List<AgentEvent> replay(OptionalInt limit) {
    if (limit.isPresent() && limit.getAsInt() <= 0) {
      return List.of();
    }
    String sql =
        "SELECT payload FROM agent_events ORDER BY id" + (limit.isPresent() ? " LIMIT ?" : "");
    try (PreparedStatement ps = store.connection().prepareStatement(sql)) {
      if (limit.isPresent()) {
        ps.setInt(1, limit.getAsInt());
      }
      List<AgentEvent> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(AgentEvent.fromJson(rs.getString(1)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("sqlite event sink read failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    store.close();
  }
}
