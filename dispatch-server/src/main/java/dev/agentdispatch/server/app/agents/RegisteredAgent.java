package dev.agentdispatch.server.app.agents;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.store.agent.AgentRecord;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A registered agent: what it declared, and what the server knows of it (workers, times).
 *
 * @param liveWorkers workers seen within {@link AgentService#LIVE_WINDOW}
 * @param notServingSince when a gRPC push agent began answering this node's health checks with
 *     {@code NOT_SERVING}; empty while it serves (or is no such agent)
 */
public record RegisteredAgent(
    AgentSpec spec,
    int liveWorkers,
    Optional<Instant> lastHeartbeat,
    Instant createdAt,
    Instant updatedAt,
    Optional<Instant> notServingSince) {
  public RegisteredAgent {
    Objects.requireNonNull(spec, "spec is null");
    Objects.requireNonNull(lastHeartbeat, "lastHeartbeat is null");
    Objects.requireNonNull(notServingSince, "notServingSince is null");
  }

  static RegisteredAgent of(AgentSpec spec, AgentRecord r, Optional<Instant> notServingSince) {
    return new RegisteredAgent(
        spec, r.liveWorkers(), r.lastHeartbeat(), r.createdAt(), r.updatedAt(), notServingSince);
  }

  /**
   * {@code healthy} while a worker is live (for a push agent: it answered a health check or
   * subscribed recently) and the agent does not say it is not serving, else {@code unhealthy}.
   */
  public String health() {
    return liveWorkers > 0 && notServingSince.isEmpty() ? "healthy" : "unhealthy";
  }
}
