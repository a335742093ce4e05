package dev.agentdispatch.server.app.auth;

import dev.agentdispatch.core.auth.ApiKey;
import dev.agentdispatch.core.auth.KeySecrets;
import dev.agentdispatch.core.auth.Permission;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.store.key.KeyStore;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Resolves the caller of a request and checks what it may do (DESIGN §12). With auth off (a dev
 * server on loopback) everyone is {@link Caller#DEV}; with auth on, a valid, unrevoked bearer key
 * is required.
 */
public final class Authenticator {
  private final boolean required;
  private final KeyStore keys;

  public Authenticator(boolean required, KeyStore keys) {
    this.required = required;
    this.keys = keys;
  }

  public boolean required() {
    return required;
  }

  /**
   * The caller presenting {@code secret} (an API key, however its door carries it), or {@link
   * ServiceException.Unauthenticated} when auth is on and the key is missing, unknown or revoked.
   */
  public Caller authenticate(Optional<String> secret) {
    if (!required) {
      return Caller.DEV;
    }
    if (secret.isEmpty() || secret.get().isBlank()) {
      throw new ServiceException.Unauthenticated(
          "an API key is required: send 'Authorization: Bearer <key>'"
              + " (create one with 'dispatch keys create')");
    }
    ApiKey key =
        keys.findByHash(KeySecrets.hash(secret.get().trim()))
            .filter(ApiKey::active)
            .orElseThrow(
                () -> new ServiceException.Unauthenticated("the API key is unknown or revoked"));
    return new Caller(key.id(), key.role(), key.namespace(), key.rateLimit(), key.agents());
  }

  /** Checks that {@code caller} may perform {@code needed} in {@code namespace}: 403 otherwise. */
  public static void authorize(Caller caller, Permission needed, String namespace) {
    if (!caller.covers(namespace)) {
      throw new ServiceException.Forbidden(
          "this API key is limited to namespace '"
              + caller.namespace()
              + "', not '"
              + namespace
              + "'");
    }
    if (!caller.role().permits(needed)) {
      throw new ServiceException.Forbidden(
          "role '" + caller.role().wire() + "' may not " + describe(needed));
    }
  }

  /**
   * Checks that {@code caller} may act for {@code agent}: 403 naming the agents its key is limited
   * to otherwise.
   */
  public static void authorizeAgent(Caller caller, String agent) {
    if (!caller.coversAgent(agent)) {
      throw new ServiceException.Forbidden(
          "this API key is limited to agents "
              + new TreeSet<>(caller.agents())
              + ", not '"
              + agent
              + "'");
    }
  }

  /**
   * The one rule, at every door, for which agents a key may start (or cancel) work on, given that
   * it may {@link Permission#INVOKE} in the namespace: a key without an agent scope, any agent; a
   * {@code worker} or {@code admin} key limited to agents, any agent too, because its scope names
   * the agents it acts <em>as</em> (registers, leases, writes memory for) while its handlers call
   * other agents by design ({@code ctx.invoke}); a {@code client} key limited to agents, only those
   * (403 naming them otherwise), since starting work is all such a key does.
   */
  public static void authorizeInvoke(Caller caller, String agent) {
    if (!mayInvoke(caller, agent)) {
      authorizeAgent(caller, agent);
    }
  }

  /**
   * Whether {@link #authorizeInvoke} lets {@code caller} start work on {@code agent} (for listing
   * only what a key may call, e.g. MCP's tools).
   */
  public static boolean mayInvoke(Caller caller, String agent) {
    return caller.role().permits(Permission.WORK) || caller.coversAgent(agent);
  }

  /**
   * Checks that {@code caller} may perform {@code needed} across every namespace (a key for {@code
   * *}): 403 otherwise.
   */
  public static void authorizeEverywhere(Caller caller, Permission needed) {
    if (!caller.namespace().equals(ApiKey.ALL_NAMESPACES)) {
      throw new ServiceException.Forbidden(
          "this API key is limited to namespace '"
              + caller.namespace()
              + "'; this covers every namespace and needs a key for all of them ('*')");
    }
    authorize(caller, needed, ApiKey.ALL_NAMESPACES);
  }

  private static String describe(Permission p) {
    return switch (p) {
      case READ -> "read";
      case INVOKE -> "invoke, cancel or retry (needs role client, worker or admin)";
      case WORK -> "register agents or lease work (needs role worker or admin)";
      case CALL_MODELS -> "call models (needs role client, worker or admin)";
      case ADMINISTER -> "administer (needs role admin)";
    };
  }
}
