package dev.agentdispatch.server.doors.v1.traces;

import static dev.agentdispatch.core.auth.Permission.READ;

import dev.agentdispatch.server.app.traces.TraceService;
import dev.agentdispatch.server.doors.http.Guard;
import io.javalin.config.RoutesConfig;

/** {@code GET /v1/namespaces/{ns}/traces/{trace_id}}. */
public final class TraceRoutes {
  private TraceRoutes() {}

  public static void register(RoutesConfig routes, Guard guard, TraceService traces) {
    routes.get(
        "/v1/namespaces/{ns}/traces/{trace_id}",
        guard.with(READ, (ctx, ns) -> ctx.json(traces.get(ns, ctx.pathParam("trace_id")))));
  }
}
