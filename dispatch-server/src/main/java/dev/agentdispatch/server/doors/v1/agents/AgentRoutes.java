package dev.agentdispatch.server.doors.v1.agents;

import static dev.agentdispatch.core.auth.Permission.ADMINISTER;
import static dev.agentdispatch.core.auth.Permission.READ;
import static dev.agentdispatch.core.auth.Permission.WORK;

import dev.agentdispatch.server.app.agents.AgentService;
import dev.agentdispatch.server.doors.http.Bodies;
import dev.agentdispatch.server.doors.http.Guard;
import dev.agentdispatch.server.doors.v1.wire.PageView;
import io.javalin.config.RoutesConfig;

/** {@code /v1/namespaces/{ns}/agents}: thin mapping onto {@link AgentService}. */
public final class AgentRoutes {
  private static final String BASE = "/v1/namespaces/{ns}/agents";

  private AgentRoutes() {}

  public static void register(RoutesConfig routes, Guard guard, AgentService agents) {
    routes.put(
        BASE + "/{agent}",
        guard.with(
            WORK,
            (ctx, ns) ->
                ctx.json(
                    AgentView.of(
                        agents.register(
                            AgentSpecParser.parse(
                                ns, ctx.pathParam("agent"), Bodies.read(ctx, AgentBody.class)))))));
    routes.get(
        BASE,
        guard.with(READ, (ctx, ns) -> ctx.json(PageView.whole(agents.list(ns), AgentView::of))));
    routes.get(
        BASE + "/{agent}",
        guard.with(
            READ, (ctx, ns) -> ctx.json(AgentView.of(agents.get(ns, ctx.pathParam("agent"))))));
    routes.delete(
        BASE + "/{agent}",
        guard.with(
            ADMINISTER,
            (ctx, ns) -> {
              agents.delete(ns, ctx.pathParam("agent"));
              ctx.status(204);
            }));
  }
}
