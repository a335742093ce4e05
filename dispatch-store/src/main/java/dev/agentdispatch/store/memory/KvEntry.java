package dev.agentdispatch.store.memory;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One key of an agent's long-term memory; {@code valueJson} is any JSON value (a string is a JSON
 * string).
 */
public record KvEntry(
    String namespace,
    String agent,
    String key,
    String valueJson,
    Optional<Instant> expiresAt,
    Instant createdAt,
    Instant updatedAt) {
  public KvEntry {
    Objects.requireNonNull(namespace, "namespace is null");
    Objects.requireNonNull(agent, "agent is null");
    Objects.requireNonNull(key, "key is null");
    Objects.requireNonNull(valueJson, "valueJson is null");
    Objects.requireNonNull(expiresAt, "expiresAt is null");
  }
}
