package dev.agentdispatch.server.app.auth;

import dev.agentdispatch.core.agent.RateLimit;
import dev.agentdispatch.core.auth.ApiKey;
import dev.agentdispatch.core.auth.Role;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling: the role and the namespaces it may touch.
 *
 * @param namespace one namespace, or {@link ApiKey#ALL_NAMESPACES}
 * @param keyId the API key's id, or {@code dev} when auth is off
 * @param rateLimit the key's own rate limit on the invocations it creates
 * @param agents the agents the key may act for; empty: every agent of its namespace
 */
public record Caller(
    String keyId, Role role, String namespace, Optional<RateLimit> rateLimit, Set<String> agents) {
  /** The caller of a dev server on loopback with auth off: may do anything. */
  public static final Caller DEV = new Caller("dev", Role.ADMIN, ApiKey.ALL_NAMESPACES);

  /** A caller whose key has no rate limit. */
  public Caller(String keyId, Role role, String namespace) {
    this(keyId, role, namespace, Optional.empty(), Set.of());
  }

  public Caller {
    Objects.requireNonNull(rateLimit, "rateLimit is null");
    Objects.requireNonNull(keyId, "keyId is null");
    Objects.requireNonNull(role, "role is null");
    Objects.requireNonNull(namespace, "namespace is null");
    agents = Set.copyOf(Objects.requireNonNull(agents, "agents is null"));
  }

  /**
   * Whether the caller may act for {@code agent} (register it, lease its work, write its memory).
   */
  public boolean coversAgent(String agent) {
    return agents.isEmpty() || agents.contains(agent);
  }

  public boolean covers(String ns) {
    return namespace.equals(ApiKey.ALL_NAMESPACES) || namespace.equals(ns);
  }
}
