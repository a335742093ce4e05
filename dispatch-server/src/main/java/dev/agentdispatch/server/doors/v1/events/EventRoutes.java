package dev.agentdispatch.server.doors.v1.events;

import static dev.agentdispatch.core.auth.Permission.INVOKE;
import static dev.agentdispatch.core.auth.Permission.READ;

import dev.agentdispatch.server.app.events.EventService;
import dev.agentdispatch.server.app.events.PublishRequest;
import dev.agentdispatch.server.doors.http.Bodies;
import dev.agentdispatch.server.doors.http.Guard;
import dev.agentdispatch.server.doors.v1.wire.PageView;
import io.javalin.config.RoutesConfig;
import java.util.List;

/** {@code /v1/namespaces/{ns}/events}: thin mapping onto {@link EventService}. */
public final class EventRoutes {
  private static final String BASE = "/v1/namespaces/{ns}/events";

  private EventRoutes() {}

  /** The answer to a publish: the event and the invocations it fanned out into. */
  public record PublishedView(
      String eventUid,
      List<String> invocationIds,
      int handlerCount,
      String traceId,
      boolean deduplicated) {
    static PublishedView of(EventService.Published p) {
      return new PublishedView(
          p.event().id(),
          p.event().invocationIds(),
          p.event().invocationIds().size(),
          p.event().traceId(),
          p.deduplicated());
    }
  }

  public static void register(RoutesConfig routes, Guard guard, EventService events) {
    routes.post(
        BASE,
        guard.with(
            INVOKE,
            (ctx, ns) -> {
              EventBody b = Bodies.read(ctx, EventBody.class);
              EventService.Published p =
                  events.publish(
                      ns,
                      PublishRequest.of(
                          b.topic(),
                          b.payload(),
                          b.senderId(),
                          b.traceId(),
                          b.parentId(),
                          b.idempotencyKey()));
              ctx.status(p.deduplicated() ? 200 : 202).json(PublishedView.of(p));
            }));
    routes.get(
        BASE,
        guard.with(
            READ,
            (ctx, ns) ->
                ctx.json(
                    PageView.Items.of(
                        events.list(
                            ns, Guard.param(ctx, "topic"), Guard.intParam(ctx, "limit", 50)),
                        EventView::of))));
  }
}
