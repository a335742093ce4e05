package dev.agentdispatch.store.sql;

import dev.agentdispatch.store.flow.FlowStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/** Reads the {@code flow_pauses} rows of one agent inside a claim. */
final class FlowPauses {
  /** The row that pauses the whole agent rather than one function. */
  static final String WHOLE_AGENT = FlowStore.WHOLE_AGENT;

  private FlowPauses() {}

  /** The paused functions of the agent, with {@link #WHOLE_AGENT} when all of it is paused. */
  static Set<String> paused(Connection c, String namespace, String agent) throws SQLException {
    Set<String> out = new HashSet<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT function FROM flow_pauses WHERE namespace=? AND agent=?")) {
      Sql.bindAll(ps, namespace, agent);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }
}
