package dev.agentdispatch.server.app.auth;

import dev.agentdispatch.core.agent.RateLimit;
import dev.agentdispatch.core.auth.ApiKey;
import dev.agentdispatch.core.auth.Role;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is calling: the role and the namespaces it may touch.
 *
 * @param namespace one namespace, or {@link ApiKey#ALL_NAMESPACES}
 * @param keyId the API key's id, or {@code dev} when auth is off
 * @param rateLimit the key's own rate limit on the invocations it creates
 */
public record Caller(String keyId, Role role, String namespace, Optional<RateLimit> rateLimit) {
  /** The caller of a dev server on loopback with auth off: may do anything. */
  public static final Caller DEV = new Caller("dev", Role.ADMIN, ApiKey.ALL_NAMESPACES);

  /** A caller whose key has no rate limit. */
  public Caller(String keyId, Role role, String namespace) {
    this(keyId, role, namespace, Optional.empty());
  }

  public Caller {
    Objects.requireNonNull(rateLimit, "rateLimit is null");
    Objects.requireNonNull(keyId, "keyId is null");
    Objects.requireNonNull(role, "role is null");
    Objects.requireNonNull(namespace, "namespace is null");
  }

  public boolean covers(String ns) {
    return namespace.equals(ApiKey.ALL_NAMESPACES) || namespace.equals(ns);
  }
}
