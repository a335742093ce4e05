package dev.agentdispatch.server.api;

import dev.agentdispatch.core.agent.Names;
import dev.agentdispatch.core.auth.Permission;
import dev.agentdispatch.server.auth.Authenticator;
import dev.agentdispatch.server.auth.Caller;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/** Wraps namespaced handlers: authenticate, check the namespace name and the caller's permission. */
public final class Guard {
  private final Authenticator auth;

  /** A handler that runs once the caller may act in {@code namespace}. */
  @FunctionalInterface
  public interface NamespacedHandler {
    void handle(Context ctx, String namespace) throws Exception;
  }

  public Guard(Authenticator auth) {
    this.auth = auth;
  }

  public Handler with(Permission needed, NamespacedHandler handler) {
    return ctx -> {
      Caller caller = auth.authenticate(ctx);
      String ns = ctx.pathParam("ns");
      if (!Names.valid(ns)) {
        throw ApiException.badRequest("namespace '" + ns + "' is not a valid name");
      }
      Authenticator.authorize(caller, needed, ns);
      handler.handle(ctx, ns);
    };
  }

  /** Reads an integer query parameter, 400 when it is not a number. */
  public static int intParam(Context ctx, String name, int dflt) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("query parameter '" + name + "' must be an integer, got '" + v + "'");
    }
  }
}
