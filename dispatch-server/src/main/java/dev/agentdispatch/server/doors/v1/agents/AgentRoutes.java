package dev.agentdispatch.server.doors.v1.agents;

import static dev.agentdispatch.core.auth.Permission.ADMINISTER;
import static dev.agentdispatch.core.auth.Permission.READ;
import static dev.agentdispatch.core.auth.Permission.WORK;

import dev.agentdispatch.server.app.agents.AgentService;
import dev.agentdispatch.server.app.agents.RegisteredAgent;
import dev.agentdispatch.server.app.flow.FlowService;
import dev.agentdispatch.server.doors.http.Bodies;
import dev.agentdispatch.server.doors.http.Guard;
import dev.agentdispatch.server.doors.v1.wire.PageView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;

/** {@code /v1/namespaces/{ns}/agents}: thin mapping onto {@link AgentService} and flow control. */
public final class AgentRoutes {
  private static final String BASE = "/v1/namespaces/{ns}/agents";

  private AgentRoutes() {}

  public static void register(
      RoutesConfig routes, Guard guard, AgentService agents, FlowService flow) {
    routes.put(
        BASE + "/{agent}",
        guard.with(
            WORK,
            (ctx, ns) -> {
              Guard.requireAgent(ctx, ctx.pathParam("agent"));
              ctx.json(
                  withFlow(
                      agents.register(
                          AgentSpecParser.parse(
                              ns, ctx.pathParam("agent"), Bodies.read(ctx, AgentBody.class))),
                      flow));
            }));
    routes.get(
        BASE,
        guard.with(
            READ, (ctx, ns) -> ctx.json(PageView.whole(agents.list(ns), a -> withFlow(a, flow)))));
    routes.get(
        BASE + "/{agent}",
        guard.with(
            READ, (ctx, ns) -> ctx.json(withFlow(agents.get(ns, ctx.pathParam("agent")), flow))));
    routes.delete(
        BASE + "/{agent}",
        guard.with(
            ADMINISTER,
            (ctx, ns) -> {
              agents.delete(ns, ctx.pathParam("agent"));
              ctx.status(204);
            }));
    routes.post(
        BASE + "/{agent}/pause",
        guard.with(
            ADMINISTER,
            (ctx, ns) -> ctx.json(FlowView.of(flow.pause(ns, agent(ctx), Optional.empty())))));
    routes.post(
        BASE + "/{agent}/resume",
        guard.with(
            ADMINISTER,
            (ctx, ns) -> ctx.json(FlowView.of(flow.resume(ns, agent(ctx), Optional.empty())))));
    routes.post(
        BASE + "/{agent}/functions/{function}/pause",
        guard.with(
            ADMINISTER,
            (ctx, ns) -> ctx.json(FlowView.of(flow.pause(ns, agent(ctx), function(ctx))))));
    routes.post(
        BASE + "/{agent}/functions/{function}/resume",
        guard.with(
            ADMINISTER,
            (ctx, ns) -> ctx.json(FlowView.of(flow.resume(ns, agent(ctx), function(ctx))))));
    routes.post(
        BASE + "/{agent}/reset",
        guard.with(
            ADMINISTER,
            (ctx, ns) ->
                ctx.json(
                    FlowView.of(
                        flow.reset(ns, agent(ctx), Optional.ofNullable(ctx.queryParam("lane")))))));
  }

  private static AgentView withFlow(RegisteredAgent a, FlowService flow) {
    return AgentView.of(a, Optional.of(flow.status(a.spec().namespace(), a.spec().name())));
  }

  private static String agent(Context ctx) {
    return ctx.pathParam("agent");
  }

  private static Optional<String> function(Context ctx) {
    return Optional.of(ctx.pathParam("function"));
  }
}
