package dev.agentdispatch.server.agents;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** An agent as the API shows it. */
public record AgentView(
    String name,
    String namespace,
    String description,
    List<AgentBody.FunctionBody> functions,
    String status,
    Instant lastHeartbeat,
    int workers,
    String version,
    JsonNode metadata,
    Instant createdAt,
    Instant updatedAt) {}
