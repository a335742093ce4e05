package dev.agentdispatch.server.invocations;

import static dev.agentdispatch.core.auth.Permission.INVOKE;
import static dev.agentdispatch.core.auth.Permission.READ;

import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.server.api.ApiException;
import dev.agentdispatch.server.api.Bodies;
import dev.agentdispatch.server.api.Guard;
import dev.agentdispatch.store.Page;
import dev.agentdispatch.store.invocation.InvocationQuery;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /v1/namespaces/{ns}/invocations}: thin mapping onto {@link InvocationService}. */
public final class InvocationRoutes {
  private static final String BASE = "/v1/namespaces/{ns}/invocations";

  private InvocationRoutes() {}

  /** Body of {@code POST /invocations/batch}. */
  public record BatchBody(List<InvocationBody> invocations) {}

  /** Body of {@code POST /invocations/{id}/cancel}. */
  public record CancelBody(Boolean cascade) {}

  public static void register(RoutesConfig routes, Guard guard, InvocationService service) {
    register(routes, guard, service, null, null);
  }

  /**
   * With {@code streams}, {@code GET /invocations/{id}/events} answers {@code Accept: text/event-stream} with a
   * live SSE stream of the log.
   */
  public static void register(RoutesConfig routes, Guard guard, InvocationService service,
      dev.agentdispatch.server.streams.EventStreams streams,
      dev.agentdispatch.store.invocation.InvocationStore store) {
    routes.post(BASE, guard.with(INVOKE, (ctx, ns) -> {
      InvocationService.Created created = service.create(ns, Bodies.read(ctx, InvocationBody.class));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("invocation_id", created.invocation().id());
      body.put("trace_id", created.invocation().spec().traceId());
      body.put("status", created.invocation().status().wire());
      body.put("deduplicated", created.deduplicated());
      ctx.status(created.deduplicated() ? 200 : 202).json(body);
    }));
    routes.post(BASE + "/batch", guard.with(INVOKE, (ctx, ns) -> {
      List<Map<String, Object>> items = new ArrayList<>();
      for (InvocationService.Created c : service.createBatch(ns, Bodies.read(ctx, BatchBody.class).invocations())) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("invocation_id", c.invocation().id());
        item.put("trace_id", c.invocation().spec().traceId());
        item.put("status", c.invocation().status().wire());
        item.put("deduplicated", c.deduplicated());
        items.add(item);
      }
      ctx.status(202).json(Map.of("items", items));
    }));
    routes.get(BASE, guard.with(READ, (ctx, ns) -> {
      Page<Invocation> page = service.list(query(ctx, ns));
      Map<String, Object> body = new HashMap<>();
      body.put("items", page.items().stream().map(i -> InvocationView.of(i, null)).toList());
      body.put("next_cursor", page.nextCursor().orElse(null));
      ctx.json(body);
    }));
    routes.get(BASE + "/{id}", guard.with(READ, (ctx, ns) -> {
      Invocation inv = service.get(ns, ctx.pathParam("id"), Guard.intParam(ctx, "wait_seconds", 0));
      ctx.json(InvocationView.of(inv, service.attempts(ns, inv.id())));
    }));
    routes.get(BASE + "/{id}/events", guard.with(READ, (ctx, ns) -> {
      if (streams != null && dev.agentdispatch.server.streams.EventStreams.wanted(ctx)) {
        String id = service.find(ns, ctx.pathParam("id")).id(); // 404 before the stream starts
        streams.stream(ctx, dev.agentdispatch.server.streams.LogWaiters.invocation(ns, id),
            dev.agentdispatch.server.streams.EventStreams.startAfter(ctx),
            dev.agentdispatch.server.streams.LogSources.invocation(store, ns, id));
        return;
      }
      long after = Guard.intParam(ctx, "after", 0);
      int limit = Guard.intParam(ctx, "limit", 500);
      if (limit < 1 || limit > 1000) {
        throw ApiException.badRequest("limit must be between 1 and 1000, got " + limit);
      }
      var events = service.events(ns, ctx.pathParam("id"), after, limit).stream().map(EventView::of).toList();
      ctx.json(Map.of("items", events));
    }));
    routes.post(BASE + "/{id}/cancel", guard.with(INVOKE, (ctx, ns) -> {
      boolean cascade = ctx.bodyAsBytes().length > 0 && Boolean.TRUE.equals(Bodies.read(ctx, CancelBody.class).cascade());
      ctx.json(InvocationView.of(service.cancel(ns, ctx.pathParam("id"), cascade), null));
    }));
    routes.post(BASE + "/{id}/retry", guard.with(INVOKE, (ctx, ns) ->
        ctx.json(InvocationView.of(service.retry(ns, ctx.pathParam("id")), null))));
    routes.get("/v1/namespaces/{ns}/dead-letters", guard.with(READ, (ctx, ns) -> {
      InvocationQuery q = query(ctx, ns);
      Page<Invocation> page = service.list(new InvocationQuery(ns, q.status(), q.agent(), q.function(), q.traceId(),
          q.parentId(), q.sessionId(), true, q.limit(), q.cursor()));
      Map<String, Object> body = new HashMap<>();
      body.put("items", page.items().stream().map(i -> InvocationView.of(i, null)).toList());
      body.put("next_cursor", page.nextCursor().orElse(null));
      ctx.json(body);
    }));
  }

  private static InvocationQuery query(Context ctx, String ns) {
    Optional<InvocationStatus> status = Optional.ofNullable(ctx.queryParam("status")).map(s -> InvocationStatus.parse(s)
        .orElseThrow(() -> ApiException.badRequest("status '" + s + "' is not one of pending, running, "
            + "waiting_for_input, completed, error, cancelled, timed_out")));
    int limit = Guard.intParam(ctx, "limit", InvocationQuery.DEFAULT_LIMIT);
    if (limit < 1 || limit > InvocationQuery.MAX_LIMIT) {
      throw ApiException.badRequest("limit must be between 1 and " + InvocationQuery.MAX_LIMIT + ", got " + limit);
    }
    return new InvocationQuery(ns, status, param(ctx, "agent"), param(ctx, "function"), param(ctx, "trace_id"),
        param(ctx, "parent_id"), param(ctx, "session_id"), "true".equals(ctx.queryParam("dead_letter")), limit,
        param(ctx, "cursor"));
  }

  private static Optional<String> param(Context ctx, String name) {
    return Optional.ofNullable(ctx.queryParam(name)).filter(v -> !v.isBlank());
  }
}
