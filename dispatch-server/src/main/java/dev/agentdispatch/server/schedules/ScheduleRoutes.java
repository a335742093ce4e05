package dev.agentdispatch.server.schedules;

import static dev.agentdispatch.core.auth.Permission.INVOKE;
import static dev.agentdispatch.core.auth.Permission.READ;

import dev.agentdispatch.server.api.Bodies;
import dev.agentdispatch.server.api.Guard;
import io.javalin.config.RoutesConfig;
import java.util.Map;
import java.util.Optional;

/** {@code /v1/namespaces/{ns}/schedules}: thin mapping onto {@link ScheduleService}. */
public final class ScheduleRoutes {
  private static final String BASE = "/v1/namespaces/{ns}/schedules";

  private ScheduleRoutes() {}

  public static void register(RoutesConfig routes, Guard guard, ScheduleService schedules) {
    routes.post(BASE, guard.with(INVOKE, (ctx, ns) ->
        ctx.status(201).json(ScheduleView.of(schedules.create(ns, Bodies.read(ctx, ScheduleBody.class))))));
    routes.get(BASE, guard.with(READ, (ctx, ns) -> ctx.json(Map.of("items", schedules.list(ns,
        Optional.ofNullable(ctx.queryParam("agent")).filter(a -> !a.isBlank())).stream().map(ScheduleView::of).toList()))));
    routes.get(BASE + "/{id}", guard.with(READ, (ctx, ns) -> ctx.json(ScheduleView.of(schedules.get(ns, ctx.pathParam("id"))))));
    routes.patch(BASE + "/{id}", guard.with(INVOKE, (ctx, ns) ->
        ctx.json(ScheduleView.of(schedules.update(ns, ctx.pathParam("id"), Bodies.read(ctx, ScheduleBody.class))))));
    routes.delete(BASE + "/{id}", guard.with(INVOKE, (ctx, ns) -> {
      schedules.delete(ns, ctx.pathParam("id"));
      ctx.status(204);
    }));
  }
}
