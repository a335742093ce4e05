package dev.agentdispatch.server.doors.http;

import dev.agentdispatch.core.agent.Names;
import dev.agentdispatch.core.auth.Permission;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.auth.Authenticator;
import dev.agentdispatch.server.app.auth.Caller;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;
import java.util.function.Function;

/**
 * Wraps namespaced handlers: authenticate, check the namespace name and the caller's permission.
 */
public final class Guard {
  private static final String BEARER = "Bearer ";
  private final Authenticator auth;

  /** A handler that runs once the caller may act in {@code namespace}. */
  @FunctionalInterface
  public interface NamespacedHandler {
    void handle(Context ctx, String namespace) throws Exception;
  }

  private static final String CALLER = "dispatch.caller";

  /**
   * Whether the request's key is still valid (for a stream opened with it): false once it is
   * revoked. Always true with auth off.
   */
  public boolean stillAuthenticated(Context ctx) {
    try {
      auth.authenticate(bearer(ctx));
      return true;
    } catch (ServiceException.Unauthenticated e) {
      return false;
    }
  }

  /**
   * Checks that the caller of this guarded request may act for {@code agent}: 403 when its key is
   * limited to other agents.
   */
  public static void requireAgent(Context ctx, String agent) {
    Authenticator.authorizeAgent(caller(ctx), agent);
  }

  /**
   * Checks that the caller of this guarded request may start (or cancel) work on {@code agent}, by
   * the rule every door shares ({@link Authenticator#authorizeInvoke}): 403 otherwise.
   */
  public static void requireInvoke(Context ctx, String agent) {
    Authenticator.authorizeInvoke(caller(ctx), agent);
  }

  /** The caller a guarded handler runs for (its key decides, e.g., its own rate limit). */
  public static Caller caller(Context ctx) {
    Caller caller = ctx.attribute(CALLER);
    if (caller == null) {
      throw new IllegalStateException("no caller: the handler is not guarded");
    }
    return caller;
  }

  public Guard(Authenticator auth) {
    this.auth = auth;
  }

  /** A handler for routes with a {@code {ns}} path parameter. */
  public Handler with(Permission needed, NamespacedHandler handler) {
    return in(ctx -> ctx.pathParam("ns"), needed, handler);
  }

  /** A handler for routes whose namespace {@code namespace} reads from the request. */
  public Handler in(
      Function<Context, String> namespace, Permission needed, NamespacedHandler handler) {
    return guarded(Guard::bearer, namespace, needed, handler);
  }

  /**
   * A handler for routes about the whole node rather than one namespace (e.g. its metrics): the
   * caller's key must cover every namespace.
   */
  public Handler everywhere(Permission needed, Handler handler) {
    return ctx -> {
      Caller caller = auth.authenticate(bearer(ctx));
      Authenticator.authorizeEverywhere(caller, needed);
      ctx.attribute(CALLER, caller);
      handler.handle(ctx);
    };
  }

  /**
   * A handler for routes with a {@code {ns}} path parameter called by a model provider's client
   * library, which sends its key as {@code Authorization: Bearer} (OpenAI's) or {@code x-api-key}
   * (Anthropic's): either carries our API key.
   */
  public Handler withProviderKey(Permission needed, NamespacedHandler handler) {
    return guarded(
        ctx ->
            bearer(ctx)
                .or(() -> Optional.ofNullable(ctx.header("x-api-key")).filter(k -> !k.isBlank())),
        ctx -> ctx.pathParam("ns"),
        needed,
        handler);
  }

  private Handler guarded(
      Function<Context, Optional<String>> key,
      Function<Context, String> namespace,
      Permission needed,
      NamespacedHandler handler) {
    return ctx -> {
      Caller caller = auth.authenticate(key.apply(ctx));
      String ns = namespace.apply(ctx);
      if (!Names.valid(ns)) {
        throw ApiException.badRequest("namespace '" + ns + "' is not a valid name");
      }
      Authenticator.authorize(caller, needed, ns);
      ctx.attribute(CALLER, caller);
      handler.handle(ctx, ns);
    };
  }

  /**
   * The key of {@code Authorization: Bearer <key>}; empty when the header is absent or another
   * scheme.
   */
  private static Optional<String> bearer(Context ctx) {
    String header = Optional.ofNullable(ctx.header("Authorization")).orElse("");
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        || header.length() <= BEARER.length()) {
      return Optional.empty();
    }
    return Optional.of(header.substring(BEARER.length()).trim());
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
      throw ApiException.badRequest(
          "query parameter '" + name + "' must be an integer, got '" + v + "'");
    }
  }

  /** Reads a non-negative long query parameter (a sequence number), 0 when absent. */
  public static long seqParam(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return 0;
    }
    try {
      long value = Long.parseLong(v.trim());
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          "query parameter '" + name + "' must be a non-negative integer, got '" + v + "'");
    }
  }

  /** A query parameter that is present and not blank. */
  public static Optional<String> param(Context ctx, String name) {
    return Optional.ofNullable(ctx.queryParam(name)).filter(v -> !v.isBlank());
  }
}
