package dev.agentdispatch.runtime.sinks;

import dev.agentdispatch.runtime.clock.RuntimeClock;
import dev.agentdispatch.runtime.internal.Timestamps;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Persists usage records to SQLite (table {@code usage_records}) and sums them. */
public final class SqliteUsageSink implements UsageSink, AutoCloseable {
  private static final List<String> DDL =
      List.of(
          "CREATE TABLE IF NOT EXISTS usage_records("
              + "id INTEGER PRIMARY KEY AUTOINCREMENT, recorded_at TEXT NOT NULL, model TEXT NOT NULL,"
              + " cost_usd REAL NOT NULL, snapshot TEXT NOT NULL)");

  private final SqliteStore store;
  private final RuntimeClock clock;

  public SqliteUsageSink(String path) {
    this(path, RuntimeClock.system());
  }

  public SqliteUsageSink(String path, RuntimeClock clock) {
    this.store = SqliteStore.open(path, "usage_sink", DDL);
    this.clock = Objects.requireNonNull(clock, "clock is null");
  }

  @Override
  public synchronized void record(String model, UsageSnapshot usage, double costUsd) {
    UsageRecord r = new UsageRecord(model, usage, costUsd);
    try (PreparedStatement ps =
        store
            .connection()
            .prepareStatement(
                "INSERT INTO usage_records(recorded_at, model, cost_usd, snapshot) VALUES (?,?,?,?)")) {
      ps.setString(1, Timestamps.format(clock.wallNow()));
      ps.setString(2, r.model());
      ps.setDouble(3, r.costUsd());
      ps.setString(4, r.usage().toJson());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("sqlite usage sink write failed: " + e.getMessage(), e);
    }
  }

  /**
   * {turns, total_cost_usd, total_input_tokens, total_output_tokens, total_cache_write_tokens,
   * total_cache_read_tokens, total_tool_calls}.
   */
  public synchronized Map<String, Object> totals() {
    Map<String, Object> m = new LinkedHashMap<>();
    long turns = 0;
    double cost = 0;
    UsageSnapshot sum = UsageSnapshot.EMPTY;
    try (Statement s = store.connection().createStatement();
        ResultSet rs = s.executeQuery("SELECT cost_usd, snapshot FROM usage_records ORDER BY id")) {
      while (rs.next()) {
        turns++;
        cost += rs.getDouble(1);
        sum = sum.plus(UsageSnapshot.fromJson(rs.getString(2)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("sqlite usage sink read failed: " + e.getMessage(), e);
    }
    m.put("turns", turns);
    m.put("total_cost_usd", cost);
    m.put("total_input_tokens", sum.inputTokens());
    m.put("total_output_tokens", sum.outputTokens());
    m.put("total_cache_write_tokens", sum.cacheWriteTokens());
    m.put("total_cache_read_tokens", sum.cacheReadTokens());
    m.put("total_tool_calls", sum.toolCalls());
    return m;
  }

  @Override
  public synchronized void close() {
    store.close();
  }
}
