package dev.agentdispatch.server.doors.v1.schedules;

import static dev.agentdispatch.core.auth.Permission.INVOKE;
import static dev.agentdispatch.core.auth.Permission.READ;

import dev.agentdispatch.server.app.schedules.ScheduleRequest;
import dev.agentdispatch.server.app.schedules.ScheduleService;
import dev.agentdispatch.server.doors.http.Bodies;
import dev.agentdispatch.server.doors.http.Guard;
import dev.agentdispatch.server.doors.v1.wire.PageView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** {@code /v1/namespaces/{ns}/schedules}: thin mapping onto {@link ScheduleService}. */
public final class ScheduleRoutes {
  private static final String BASE = "/v1/namespaces/{ns}/schedules";

  private ScheduleRoutes() {}

  public static void register(RoutesConfig routes, Guard guard, ScheduleService schedules) {
    routes.post(
        BASE,
        guard.with(
            INVOKE,
            (ctx, ns) ->
                ctx.status(201).json(ScheduleView.of(schedules.create(ns, request(ctx))))));
    routes.get(
        BASE,
        guard.with(
            READ,
            (ctx, ns) ->
                ctx.json(
                    PageView.Items.of(
                        schedules.list(ns, Guard.param(ctx, "agent")), ScheduleView::of))));
    routes.get(
        BASE + "/{id}",
        guard.with(
            READ, (ctx, ns) -> ctx.json(ScheduleView.of(schedules.get(ns, ctx.pathParam("id"))))));
    routes.patch(
        BASE + "/{id}",
        guard.with(
            INVOKE,
            (ctx, ns) ->
                ctx.json(
                    ScheduleView.of(schedules.update(ns, ctx.pathParam("id"), request(ctx))))));
    routes.delete(
        BASE + "/{id}",
        guard.with(
            INVOKE,
            (ctx, ns) -> {
              schedules.delete(ns, ctx.pathParam("id"));
              ctx.status(204);
            }));
  }

  private static ScheduleRequest request(Context ctx) {
    ScheduleBody b = Bodies.read(ctx, ScheduleBody.class);
    return ScheduleRequest.of(
        b.name(),
        b.agent(),
        b.function(),
        b.cron(),
        b.timezone(),
        b.payload(),
        b.paused(),
        b.overlap(),
        b.catchup());
  }
}
