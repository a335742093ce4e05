package dev.agentdispatch.store.sql;

import dev.agentdispatch.core.agent.DegradePolicy;
import dev.agentdispatch.store.flow.FlowStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What holds an agent's dispatch back besides caps, read in one statement inside a claim: its
 * paused functions (or all of it) and its degraded classes.
 *
 * @param paused paused function names, with {@link #WHOLE_AGENT} when all of it is paused
 * @param degraded degraded lanes ({@code ""}: the default lane) and what that does
 */
record FlowPauses(Set<String> paused, Map<String, DegradePolicy.Mode> degraded) {
  /** The row that pauses the whole agent rather than one function. */
  static final String WHOLE_AGENT = FlowStore.WHOLE_AGENT;

  boolean agentPaused() {
    return paused.contains(WHOLE_AGENT);
  }

  static FlowPauses read(Connection c, String namespace, String agent) throws SQLException {
    Set<String> paused = new HashSet<>();
    Map<String, DegradePolicy.Mode> degraded = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT function, NULL FROM flow_pauses WHERE namespace=? AND agent=?"
                + " UNION ALL SELECT lane, mode FROM flow_classes"
                + " WHERE namespace=? AND agent=? AND degraded_at IS NOT NULL")) {
      Sql.bindAll(ps, namespace, agent, namespace, agent);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String mode = rs.getString(2);
          if (mode == null) {
            paused.add(rs.getString(1));
          } else {
            degraded.put(
                rs.getString(1), DegradePolicy.Mode.valueOf(mode.toUpperCase(Locale.ROOT)));
          }
        }
      }
    }
    return new FlowPauses(Set.copyOf(paused), Map.copyOf(degraded));
  }

  /** The paused functions of the agent, with {@link #WHOLE_AGENT} when all of it is paused. */
  static Set<String> paused(Connection c, String namespace, String agent) throws SQLException {
    return read(c, namespace, agent).paused();
  }
}
