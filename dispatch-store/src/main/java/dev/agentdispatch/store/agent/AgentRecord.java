package dev.agentdispatch.store.agent;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A registered agent as stored. The spec is kept as the JSON the server accepted; the server parses
 * it.
 *
 * @param liveWorkers workers seen within the liveness window asked for
 */
public record AgentRecord(
    String namespace,
    String name,
    String specJson,
    Instant createdAt,
    Instant updatedAt,
    Optional<Instant> lastHeartbeat,
    int liveWorkers) {
  public AgentRecord {
    Objects.requireNonNull(namespace, "namespace is null");
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(specJson, "specJson is null");
    Objects.requireNonNull(createdAt, "createdAt is null");
    Objects.requireNonNull(updatedAt, "updatedAt is null");
    Objects.requireNonNull(lastHeartbeat, "lastHeartbeat is null");
  }
}
