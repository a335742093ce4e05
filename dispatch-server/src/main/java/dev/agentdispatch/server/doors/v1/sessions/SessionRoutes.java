package dev.agentdispatch.server.doors.v1.sessions;

import static dev.agentdispatch.core.auth.Permission.INVOKE;
import static dev.agentdispatch.core.auth.Permission.READ;

import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.sessions.SessionRequests;
import dev.agentdispatch.server.app.sessions.SessionService;
import dev.agentdispatch.server.app.streams.LogService;
import dev.agentdispatch.server.doors.http.Bodies;
import dev.agentdispatch.server.doors.http.EventStreams;
import dev.agentdispatch.server.doors.http.Guard;
import dev.agentdispatch.server.doors.http.StreamEntry;
import dev.agentdispatch.server.doors.v1.sessions.SessionBodies.CreateBody;
import dev.agentdispatch.server.doors.v1.sessions.SessionBodies.InputBody;
import dev.agentdispatch.server.doors.v1.sessions.SessionBodies.StateBody;
import dev.agentdispatch.server.doors.v1.sessions.SessionViews.InputView;
import dev.agentdispatch.server.doors.v1.sessions.SessionViews.SessionEventView;
import dev.agentdispatch.server.doors.v1.sessions.SessionViews.SessionView;
import dev.agentdispatch.server.doors.v1.sessions.SessionViews.StateView;
import dev.agentdispatch.server.doors.v1.sessions.SessionViews.SubmittedView;
import dev.agentdispatch.server.doors.v1.wire.PageView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;

/** {@code /v1/namespaces/{ns}/sessions}: thin mapping onto {@link SessionService}. */
public final class SessionRoutes {
  private static final String BASE = "/v1/namespaces/{ns}/sessions";

  private SessionRoutes() {}

  public static void register(
      RoutesConfig routes,
      Guard guard,
      SessionService service,
      LogService logs,
      EventStreams streams) {
    routes.post(
        BASE,
        guard.with(
            INVOKE,
            (ctx, ns) -> {
              CreateBody b = Bodies.read(ctx, CreateBody.class);
              ctx.status(201)
                  .json(
                      SessionView.of(
                          service.create(
                              ns,
                              SessionRequests.Create.of(
                                  b.agent(),
                                  b.function(),
                                  b.sessionId(),
                                  b.metadata(),
                                  b.state(),
                                  b.lane()))));
            }));
    routes.get(
        BASE,
        guard.with(
            READ,
            (ctx, ns) ->
                ctx.json(
                    PageView.of(
                        service.list(
                            ns,
                            Guard.param(ctx, "agent"),
                            limit(ctx, 50),
                            Guard.param(ctx, "cursor")),
                        SessionView::of))));
    routes.get(
        BASE + "/{sid}",
        guard.with(
            READ, (ctx, ns) -> ctx.json(SessionView.of(service.get(ns, ctx.pathParam("sid"))))));
    routes.delete(
        BASE + "/{sid}",
        guard.with(
            INVOKE,
            (ctx, ns) -> {
              service.delete(ns, ctx.pathParam("sid"));
              ctx.status(204);
            }));
    routes.post(
        BASE + "/{sid}/inputs",
        guard.with(
            INVOKE,
            (ctx, ns) -> {
              Guard.requireInvoke(ctx, service.get(ns, ctx.pathParam("sid")).agent());
              InputBody b = Bodies.read(ctx, InputBody.class);
              SessionService.Submitted s =
                  service.submit(
                      ns,
                      ctx.pathParam("sid"),
                      SessionRequests.Input.of(b.input(), b.strategy(), b.idempotencyKey()));
              ctx.status(s.deduplicated() ? 200 : 202).json(SubmittedView.of(s));
            }));
    routes.get(
        BASE + "/{sid}/inputs",
        guard.with(
            READ,
            (ctx, ns) ->
                ctx.json(
                    PageView.Items.of(
                        service.inputs(
                            ns,
                            ctx.pathParam("sid"),
                            Guard.param(ctx, "run_id"),
                            Guard.seqParam(ctx, "after"),
                            limit(ctx, 100)),
                        InputView::of))));
    routes.get(
        BASE + "/{sid}/state",
        guard.with(
            READ, (ctx, ns) -> ctx.json(StateView.of(service.state(ns, ctx.pathParam("sid"))))));
    routes.put(
        BASE + "/{sid}/state",
        guard.with(
            INVOKE,
            (ctx, ns) -> {
              StateBody b = Bodies.read(ctx, StateBody.class);
              // A session's state is its agent's: a key limited to other agents may not write it.
              Guard.requireAgent(ctx, service.get(ns, ctx.pathParam("sid")).agent());
              ctx.json(
                  StateView.of(
                      service.putState(
                          ns,
                          ctx.pathParam("sid"),
                          SessionRequests.PutState.of(
                              b.state(), b.expectedRevision(), b.leaseId()))));
            }));
    routes.get(
        BASE + "/{sid}/history",
        guard.with(
            READ,
            (ctx, ns) -> {
              Optional<Long> before =
                  Guard.param(ctx, "before").map(v -> Guard.seqParam(ctx, "before"));
              ctx.json(
                  PageView.Items.of(
                      service.history(ns, ctx.pathParam("sid"), before, limit(ctx, 50)),
                      StateView::of));
            }));
    routes.get(
        BASE + "/{sid}/events",
        guard.with(
            READ,
            (ctx, ns) -> {
              String sid = ctx.pathParam("sid");
              if (EventStreams.wanted(ctx)) {
                streams.stream(
                    ctx,
                    logs.session(ns, sid),
                    EventStreams.startAfter(ctx),
                    e -> new StreamEntry(e.seq(), e.type(), Json.write(SessionEventView.of(e))));
                return;
              }
              ctx.json(
                  PageView.Items.of(
                      service.events(ns, sid, Guard.seqParam(ctx, "after"), limit(ctx, 500)),
                      SessionEventView::of));
            }));
  }

  /** The {@code limit} query parameter; the service checks its range. */
  private static int limit(Context ctx, int dflt) {
    return Guard.intParam(ctx, "limit", dflt);
  }
}
