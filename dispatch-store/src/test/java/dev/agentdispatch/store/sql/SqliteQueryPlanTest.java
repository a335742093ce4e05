package dev.agentdispatch.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Flow control's hot statements use their partial indexes on SQLite. SQLite takes a partial index
 * only when a query names the index's condition; otherwise it reads the whole namespace, finished
 * invocations included, and flow control slows with the database's history (found by the bench's
 * {@code limits} scenario: 73 limited invocations/s against 3,049 unlimited).
 */
class SqliteQueryPlanTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
    "WAITING, invocations_key_slots",
    "HOLDERS, invocations_key_slots",
    "FRONTIER, invocations_claim",
    "LAST_OF_KEY, invocations_fair_key",
    "DEBOUNCE_WAITING, invocations_debounce",
    "CLAIM, invocations_claim",
    "CLAIM_CLASS, invocations_claim_class",
    "RUNNING, invocations_running"
  })
  void aHotStatementUsesItsIndex(String statement, String index) throws Exception {
    Path db = dir.resolve("plan.db");
    SqliteStore.open(db).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      List<String> plan = plan(c, sql(statement));
      assertThat(String.join(" | ", plan))
          .containsPattern("USING (COVERING )?INDEX " + index + " \\(")
          .doesNotContain("invocations_list")
          .doesNotContain("SCAN invocations");
    }
  }

  private static String sql(String statement) {
    return switch (statement) {
      case "WAITING" -> KeyGate.WAITING;
      case "HOLDERS" -> KeyGate.HOLDERS;
      case "FRONTIER" -> FairSeq.FRONTIER;
      case "LAST_OF_KEY" -> FairSeq.LAST_OF_KEY;
      case "DEBOUNCE_WAITING" -> SqlInvocationStore.DEBOUNCE_WAITING;
      // The shapes ClaimPicker builds: all of an agent, and one class (lane, function).
      case "CLAIM" ->
          "SELECT id FROM invocations WHERE namespace=? AND agent=? AND status='pending'"
              + " AND key_blocked=0 AND available_at<=?"
              + " ORDER BY priority DESC, fair_seq, available_at, id LIMIT ?";
      case "CLAIM_CLASS" ->
          "SELECT id FROM invocations WHERE namespace=? AND agent=? AND status='pending'"
              + " AND key_blocked=0 AND available_at<=? AND lane IS NULL AND function=?"
              + " ORDER BY priority DESC, fair_seq, available_at, id LIMIT ?";
      case "RUNNING" ->
          "SELECT function, lane, count(*) FROM invocations WHERE namespace=? AND agent=?"
              + " AND status='running' GROUP BY function, lane";
      default -> throw new IllegalArgumentException(statement);
    };
  }

  private static List<String> plan(Connection c, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
      int params = ps.getParameterMetaData().getParameterCount();
      for (int i = 1; i <= params; i++) {
        ps.setString(i, "x");
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(4));
        }
      }
    }
    return out;
  }
}
