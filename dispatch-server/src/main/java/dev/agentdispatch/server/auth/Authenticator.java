package dev.agentdispatch.server.auth;

import dev.agentdispatch.core.auth.ApiKey;
import dev.agentdispatch.core.auth.KeySecrets;
import dev.agentdispatch.core.auth.Permission;
import dev.agentdispatch.server.api.ApiException;
import dev.agentdispatch.store.key.KeyStore;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Resolves the caller of a request and checks what it may do (DESIGN §12). With auth off (a dev server
 * on loopback) everyone is {@link Caller#DEV}; with auth on, a valid, unrevoked bearer key is required.
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

  /** The caller, or 401 when auth is on and the request carries no valid key. */
  public Caller authenticate(Context ctx) {
    if (!required) {
      return Caller.DEV;
    }
    String header = Optional.ofNullable(ctx.header("Authorization")).orElse("");
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
      throw ApiException.unauthorized("an API key is required: send 'Authorization: Bearer <key>' (create one with 'dispatch keys create')");
    }
    String secret = header.substring(7).trim();
    ApiKey key = keys.findByHash(KeySecrets.hash(secret))
        .filter(ApiKey::active)
        .orElseThrow(() -> ApiException.unauthorized("the API key is unknown or revoked"));
    return new Caller(key.id(), key.role(), key.namespace());
  }

  /** Checks that {@code caller} may perform {@code needed} in {@code namespace}: 403 otherwise. */
  public static void authorize(Caller caller, Permission needed, String namespace) {
    if (!caller.covers(namespace)) {
      throw ApiException.forbidden("this API key is limited to namespace '" + caller.namespace() + "', not '" + namespace + "'");
    }
    if (!caller.role().permits(needed)) {
      throw ApiException.forbidden("role '" + caller.role().wire() + "' may not " + describe(needed));
    }
  }

  private static String describe(Permission p) {
    return switch (p) {
      case READ -> "read";
      case INVOKE -> "invoke, cancel or retry (needs role client or admin)";
      case WORK -> "register agents or lease work (needs role worker or admin)";
      case ADMINISTER -> "administer (needs role admin)";
    };
  }
}
