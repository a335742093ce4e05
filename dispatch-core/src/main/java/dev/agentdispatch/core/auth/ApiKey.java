package dev.agentdispatch.core.auth;

import dev.agentdispatch.core.agent.RateLimit;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored API key. The secret itself is never stored: only its SHA-256 hash.
 *
 * @param namespace the namespace the key is limited to, or {@link #ALL_NAMESPACES}
 * @param prefix the first characters of the secret, shown in listings so people can tell keys apart
 * @param rateLimit how fast invocations created with this key are admitted (over all its agents)
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
    Optional<RateLimit> rateLimit) {
  public static final String ALL_NAMESPACES = "*";

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
  }

  public boolean covers(String ns) {
    return namespace.equals(ALL_NAMESPACES) || namespace.equals(ns);
  }

  public boolean active() {
    return revokedAt.isEmpty();
  }
}
