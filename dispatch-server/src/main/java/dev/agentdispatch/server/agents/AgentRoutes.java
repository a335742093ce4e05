package dev.agentdispatch.server.agents;

import static dev.agentdispatch.core.auth.Permission.ADMINISTER;
import static dev.agentdispatch.core.auth.Permission.READ;
import static dev.agentdispatch.core.auth.Permission.WORK;

import dev.agentdispatch.server.api.ApiException;
import dev.agentdispatch.server.api.Bodies;
import dev.agentdispatch.server.api.Guard;
import io.javalin.config.RoutesConfig;
import java.util.HashMap;
import java.util.Map;

/** {@code /v1/namespaces/{ns}/agents}: thin mapping onto {@link AgentService}. */
public final class AgentRoutes {
  private static final String BASE = "/v1/namespaces/{ns}/agents";

  private AgentRoutes() {}

  public static void register(RoutesConfig routes, Guard guard, AgentService agents) {
    routes.put(BASE + "/{agent}", guard.with(WORK, (ctx, ns) ->
        ctx.json(agents.upsert(ns, ctx.pathParam("agent"), Bodies.read(ctx, AgentBody.class)))));
    routes.get(BASE, guard.with(READ, (ctx, ns) -> {
      Map<String, Object> page = new HashMap<>();
      page.put("items", agents.list(ns).stream().map(agents::view).toList());
      page.put("next_cursor", null);
      ctx.json(page);
    }));
    routes.get(BASE + "/{agent}", guard.with(READ, (ctx, ns) -> ctx.json(agents.view(
        agents.find(ns, ctx.pathParam("agent")).orElseThrow(() -> notFound(ns, ctx.pathParam("agent")))))));
    routes.delete(BASE + "/{agent}", guard.with(ADMINISTER, (ctx, ns) -> {
      if (!agents.delete(ns, ctx.pathParam("agent"))) {
        throw notFound(ns, ctx.pathParam("agent"));
      }
      ctx.status(204);
    }));
  }

  private static ApiException notFound(String ns, String agent) {
    return ApiException.notFound("agent '" + agent + "' is not registered in namespace '" + ns + "'");
  }
}
