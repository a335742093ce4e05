package dev.agentdispatch.server.sessions;

import static dev.agentdispatch.core.auth.Permission.INVOKE;
import static dev.agentdispatch.core.auth.Permission.READ;

import dev.agentdispatch.server.api.ApiException;
import dev.agentdispatch.server.api.Bodies;
import dev.agentdispatch.server.api.Guard;
import dev.agentdispatch.server.sessions.SessionViews.InputView;
import dev.agentdispatch.server.sessions.SessionViews.SessionEventView;
import dev.agentdispatch.server.sessions.SessionViews.SessionView;
import dev.agentdispatch.server.sessions.SessionViews.StateView;
import dev.agentdispatch.server.streams.EventStreams;
import dev.agentdispatch.server.streams.LogSources;
import dev.agentdispatch.server.streams.LogWaiters;
import dev.agentdispatch.store.Page;
import dev.agentdispatch.store.session.SessionRecord;
import dev.agentdispatch.store.session.SessionStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code /v1/namespaces/{ns}/sessions}: thin mapping onto {@link SessionService}. */
public final class SessionRoutes {
  private static final String BASE = "/v1/namespaces/{ns}/sessions";
  private static final int MAX_LIMIT = 1000;

  private SessionRoutes() {}

  public static void register(RoutesConfig routes, Guard guard, SessionService service, SessionStore store,
      EventStreams streams) {
    routes.post(BASE, guard.with(INVOKE, (ctx, ns) ->
        ctx.status(201).json(SessionView.of(service.create(ns, Bodies.read(ctx, SessionBodies.CreateBody.class))))));
    routes.get(BASE, guard.with(READ, (ctx, ns) -> {
      Page<SessionRecord> page = service.list(ns, param(ctx, "agent"), limit(ctx, 50), param(ctx, "cursor"));
      Map<String, Object> body = new HashMap<>();
      body.put("items", page.items().stream().map(SessionView::of).toList());
      body.put("next_cursor", page.nextCursor().orElse(null));
      ctx.json(body);
    }));
    routes.get(BASE + "/{sid}", guard.with(READ, (ctx, ns) ->
        ctx.json(SessionView.of(service.get(ns, ctx.pathParam("sid"))))));
    routes.delete(BASE + "/{sid}", guard.with(INVOKE, (ctx, ns) -> {
      service.delete(ns, ctx.pathParam("sid"));
      ctx.status(204);
    }));
    routes.post(BASE + "/{sid}/inputs", guard.with(INVOKE, (ctx, ns) -> {
      SessionService.Submitted s = service.submit(ns, ctx.pathParam("sid"), Bodies.read(ctx, SessionBodies.InputBody.class));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("input_id", s.input().id());
      body.put("seq", s.input().seq());
      body.put("outcome", s.input().outcome().wire());
      body.put("status", s.input().status().wire());
      body.put("run_id", s.input().runId().orElse(null));
      body.put("deduplicated", s.deduplicated());
      ctx.status(s.deduplicated() ? 200 : 202).json(body);
    }));
    routes.get(BASE + "/{sid}/inputs", guard.with(READ, (ctx, ns) -> ctx.json(Map.of("items",
        service.inputs(ns, ctx.pathParam("sid"), param(ctx, "run_id"), longParam(ctx, "after"), limit(ctx, 100))
            .stream().map(InputView::of).toList()))));
    routes.get(BASE + "/{sid}/state", guard.with(READ, (ctx, ns) ->
        ctx.json(StateView.of(service.state(ns, ctx.pathParam("sid"))))));
    routes.put(BASE + "/{sid}/state", guard.with(INVOKE, (ctx, ns) -> ctx.json(StateView.of(
        service.putState(ns, ctx.pathParam("sid"), Bodies.read(ctx, SessionBodies.StateBody.class))))));
    routes.get(BASE + "/{sid}/history", guard.with(READ, (ctx, ns) -> {
      Optional<Long> before = param(ctx, "before").map(v -> longParam(ctx, "before"));
      ctx.json(Map.of("items", service.history(ns, ctx.pathParam("sid"), before, limit(ctx, 50)).stream()
          .map(StateView::of).toList()));
    }));
    routes.get(BASE + "/{sid}/events", guard.with(READ, (ctx, ns) -> {
      String sid = ctx.pathParam("sid");
      if (EventStreams.wanted(ctx)) {
        service.get(ns, sid); // 404 before the stream starts
        streams.stream(ctx, LogWaiters.session(ns, sid), EventStreams.startAfter(ctx), LogSources.session(store, ns, sid));
        return;
      }
      ctx.json(Map.of("items", service.events(ns, sid, longParam(ctx, "after"), limit(ctx, 500)).stream()
          .map(SessionEventView::of).toList()));
    }));
  }

  private static int limit(Context ctx, int dflt) {
    int limit = Guard.intParam(ctx, "limit", dflt);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    return limit;
  }

  static long longParam(Context ctx, String name) {
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
      throw ApiException.badRequest("query parameter '" + name + "' must be a non-negative integer, got '" + v + "'");
    }
  }

  private static Optional<String> param(Context ctx, String name) {
    return Optional.ofNullable(ctx.queryParam(name)).filter(v -> !v.isBlank());
  }
}
