package dev.agentdispatch.core.auth;

import dev.agentdispatch.core.agent.Names;
import dev.agentdispatch.core.agent.RateLimit;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A stored API key. The secret itself is never stored: only its SHA-256 hash.
 *
 * @param namespace the namespace the key is limited to, or {@link #ALL_NAMESPACES}
 * @param prefix the first characters of the secret, shown in listings so people can tell keys apart
 * @param rateLimit how fast invocations created with this key are admitted (over all its agents)
 * @param agents the agents the key may act for (register, lease, complete, write their memory);
 *     empty: every agent of its namespace
 */
public record ApiKey(
    String id,
    String name,
    String prefix,
    String hash,
    String namespace,
    Role role,
    Instant createdAt,
    Optional<Instant> revokedAt,
    Optional<RateLimit> rateLimit,
    Set<String> agents) {
  public static final String ALL_NAMESPACES = "*";

  /** A key for every agent of its namespace. */
  public ApiKey(
      String id,
      String name,
      String prefix,
      String hash,
      String namespace,
      Role role,
      Instant createdAt,
      Optional<Instant> revokedAt,
      Optional<RateLimit> rateLimit) {
    this(id, name, prefix, hash, namespace, role, createdAt, revokedAt, rateLimit, Set.of());
  }

  /** A key without a rate limit of its own. */
  public ApiKey(
      String id,
      String name,
      String prefix,
      String hash,
      String namespace,
      Role role,
      Instant createdAt,
      Optional<Instant> revokedAt) {
    this(id, name, prefix, hash, namespace, role, createdAt, revokedAt, Optional.empty());
  }

  public ApiKey {
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(prefix, "prefix is null");
    Objects.requireNonNull(hash, "hash is null");
    Objects.requireNonNull(namespace, "namespace is null");
    Objects.requireNonNull(role, "role is null");
    Objects.requireNonNull(createdAt, "createdAt is null");
    Objects.requireNonNull(revokedAt, "revokedAt is null");
    Objects.requireNonNull(rateLimit, "rateLimit is null");
    agents = Set.copyOf(Objects.requireNonNull(agents, "agents is null"));
    for (String agent : agents) {
      if (!Names.valid(agent)) {
        throw new IllegalArgumentException("'" + agent + "' is not a valid agent name");
      }
    }
  }

  /** Whether the key may act for {@code agent}. */
  public boolean coversAgent(String agent) {
    return agents.isEmpty() || agents.contains(agent);
  }

  public boolean covers(String ns) {
    return namespace.equals(ALL_NAMESPACES) || namespace.equals(ns);
  }

  public boolean active() {
    return revokedAt.isEmpty();
  }
}
