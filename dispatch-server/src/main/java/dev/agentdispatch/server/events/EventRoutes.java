package dev.agentdispatch.server.events;

import static dev.agentdispatch.core.auth.Permission.INVOKE;
import static dev.agentdispatch.core.auth.Permission.READ;

import dev.agentdispatch.server.api.Bodies;
import dev.agentdispatch.server.api.Guard;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code /v1/namespaces/{ns}/events}: thin mapping onto {@link EventService}. */
public final class EventRoutes {
  private static final String BASE = "/v1/namespaces/{ns}/events";

  private EventRoutes() {}

  public static void register(RoutesConfig routes, Guard guard, EventService events) {
    routes.post(BASE, guard.with(INVOKE, (ctx, ns) -> {
      EventService.Published p = events.publish(ns, Bodies.read(ctx, EventBody.class));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("event_uid", p.event().id());
      body.put("invocation_ids", p.event().invocationIds());
      body.put("handler_count", p.event().invocationIds().size());
      body.put("trace_id", p.event().traceId());
      body.put("deduplicated", p.deduplicated());
      ctx.status(p.deduplicated() ? 200 : 202).json(body);
    }));
    routes.get(BASE, guard.with(READ, (ctx, ns) -> ctx.json(Map.of("items",
        events.list(ns, Optional.ofNullable(ctx.queryParam("topic")).filter(t -> !t.isBlank()),
            Guard.intParam(ctx, "limit", 50)).stream().map(EventView::of).toList()))));
  }
}
