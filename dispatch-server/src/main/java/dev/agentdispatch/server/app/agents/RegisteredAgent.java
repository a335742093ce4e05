package dev.agentdispatch.server.app.agents;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.store.agent.AgentRecord;
import java.time.Instant;
import java.util.Optional;

/**
 * A registered agent: what it declared, and what the server knows of it (workers, times).
 *
 * @param liveWorkers workers seen within {@link AgentService#LIVE_WINDOW}
 */
public record RegisteredAgent(
    AgentSpec spec,
    int liveWorkers,
    Optional<Instant> lastHeartbeat,
    Instant createdAt,
    Instant updatedAt) {

  static RegisteredAgent of(AgentSpec spec, AgentRecord r) {
    return new RegisteredAgent(
        spec, r.liveWorkers(), r.lastHeartbeat(), r.createdAt(), r.updatedAt());
  }

  /** {@code healthy} while a worker is live, else {@code unhealthy}. */
  public String health() {
    return liveWorkers > 0 ? "healthy" : "unhealthy";
  }
}
