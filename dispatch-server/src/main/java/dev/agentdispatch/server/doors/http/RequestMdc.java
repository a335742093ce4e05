package dev.agentdispatch.server.doors.http;

import dev.agentdispatch.server.logging.LogIds;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.Map;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * Puts the ids a request is about into the logging MDC while it is handled, so every line logged on
 * its behalf (a JSON log line with {@code --log-format json}) names its trace, invocation, session,
 * agent and namespace. The ids come from the matched route's path parameters and from the
 * attribution headers agents send on model calls ({@code X-Dispatch-*}). Javalin handles a request
 * on one (virtual) thread from its before-matched handlers to its after handlers; the after handler
 * clears what was put.
 */
final class RequestMdc {
  private static final String TRACE_ID = LogIds.TRACE_ID;
  private static final String INVOCATION_ID = LogIds.INVOCATION_ID;
  private static final String SESSION_ID = LogIds.SESSION_ID;
  private static final String AGENT = LogIds.AGENT;
  private static final String NAMESPACE = LogIds.NAMESPACE;

  private RequestMdc() {}

  /** Registers the two handlers on every door's routes. */
  static void install(io.javalin.config.RoutesConfig routes) {
    routes.beforeMatched(RequestMdc::put);
    routes.after(ctx -> MDC.clear());
  }

  private static void put(Context ctx) {
    Map<String, String> path = ctx.pathParamMap();
    String route = route(ctx);
    put(NAMESPACE, Optional.ofNullable(path.get("ns")));
    put(
        TRACE_ID,
        Optional.ofNullable(path.get("trace_id")).or(() -> header(ctx, "X-Dispatch-Trace-Id")));
    put(
        INVOCATION_ID,
        invocationInPath(route, path).or(() -> header(ctx, "X-Dispatch-Invocation-Id")));
    put(
        SESSION_ID,
        Optional.ofNullable(path.get("sid")).or(() -> header(ctx, "X-Dispatch-Session-Id")));
    put(
        AGENT,
        Optional.ofNullable(path.get("agent")).or(() -> header(ctx, "X-Dispatch-Agent-Name")));
  }

  /**
   * The path template of the HTTP route matched for this request (in a before-matched handler,
   * {@code ctx.endpoint()} is that handler, not the route).
   */
  static String route(Context ctx) {
    Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
    return matched == null ? ctx.endpoint().path : matched.path;
  }

  /** {@code {id}} names an invocation on the invocation routes of either door, nothing else. */
  private static Optional<String> invocationInPath(String route, Map<String, String> path) {
    boolean invocationRoute = route.contains("/invocations/{id}") || route.contains("/invoke/{id}");
    return invocationRoute ? Optional.ofNullable(path.get("id")) : Optional.empty();
  }

  private static Optional<String> header(Context ctx, String name) {
    return Optional.ofNullable(ctx.header(name)).filter(v -> !v.isBlank());
  }

  private static void put(String key, Optional<String> value) {
    // Ids are short; a header is the caller's to fill, so a long one is cut rather than logged
    // whole.
    value.ifPresent(v -> MDC.put(key, v.length() > 128 ? v.substring(0, 128) : v));
  }
}
