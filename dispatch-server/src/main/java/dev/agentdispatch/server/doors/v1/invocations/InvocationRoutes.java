package dev.agentdispatch.server.doors.v1.invocations;

import static dev.agentdispatch.core.auth.Permission.INVOKE;
import static dev.agentdispatch.core.auth.Permission.READ;

import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.flow.FlowService;
import dev.agentdispatch.server.app.invocations.InvocationRequest;
import dev.agentdispatch.server.app.invocations.InvocationService;
import dev.agentdispatch.server.app.streams.LogService;
import dev.agentdispatch.server.doors.http.ApiException;
import dev.agentdispatch.server.doors.http.Bodies;
import dev.agentdispatch.server.doors.http.EventStreams;
import dev.agentdispatch.server.doors.http.Guard;
import dev.agentdispatch.server.doors.http.StreamEntry;
import dev.agentdispatch.server.doors.v1.wire.PageView;
import dev.agentdispatch.store.invocation.InvocationQuery;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * {@code /v1/namespaces/{ns}/invocations} and the dead-letter list: thin mapping onto {@link
 * InvocationService}.
 */
public final class InvocationRoutes {
  private static final String BASE = "/v1/namespaces/{ns}/invocations";

  private InvocationRoutes() {}

  /** Body of {@code POST /invocations/batch}. */
  public record BatchBody(List<InvocationBody> invocations) {}

  /** Body of {@code POST /invocations/{id}/cancel}. */
  public record CancelBody(Boolean cascade) {}

  /**
   * {@code GET /invocations/{id}/events} answers {@code Accept: text/event-stream} with a live SSE
   * stream of the log.
   */
  public static void register(
      RoutesConfig routes,
      Guard guard,
      InvocationService service,
      FlowService flow,
      LogService logs,
      EventStreams streams) {
    routes.post(
        BASE,
        guard.with(
            INVOKE,
            (ctx, ns) -> {
              InvocationService.Created created =
                  service.create(
                      ns,
                      Guard.caller(ctx),
                      InvocationBody.request(Bodies.read(ctx, InvocationBody.class)));
              ctx.status(created.deduplicated() ? 200 : 202).json(CreatedView.of(created));
            }));
    routes.post(
        BASE + "/batch",
        guard.with(
            INVOKE,
            (ctx, ns) -> {
              List<InvocationBody> bodies =
                  Optional.ofNullable(Bodies.read(ctx, BatchBody.class).invocations())
                      .orElse(List.of());
              List<InvocationRequest> requests = new java.util.ArrayList<>();
              for (int i = 0; i < bodies.size(); i++) {
                requests.add(at(i, bodies.get(i)));
              }
              ctx.status(202)
                  .json(
                      new PageView.Items<>(
                          service.createBatch(ns, Guard.caller(ctx), requests).stream()
                              .map(CreatedView::of)
                              .toList()));
            }));
    routes.get(
        BASE,
        guard.with(
            READ,
            (ctx, ns) ->
                ctx.json(
                    PageView.of(
                        service.list(query(ctx, ns, false)), i -> InvocationView.of(i, null)))));
    routes.get(
        BASE + "/{id}",
        guard.with(
            READ,
            (ctx, ns) -> {
              Invocation inv =
                  service.get(ns, ctx.pathParam("id"), Guard.intParam(ctx, "wait_seconds", 0));
              ctx.json(InvocationView.of(inv, service.attempts(ns, inv.id()), flow.blockedBy(inv)));
            }));
    routes.get(
        BASE + "/{id}/events",
        guard.with(
            READ,
            (ctx, ns) -> {
              if (EventStreams.wanted(ctx)) {
                streams.stream(
                    ctx,
                    logs.invocation(ns, ctx.pathParam("id")),
                    EventStreams.startAfter(ctx),
                    e -> new StreamEntry(e.seq(), e.type(), Json.write(EventView.of(e))));
                return;
              }
              ctx.json(
                  PageView.Items.of(
                      service.events(
                          ns,
                          ctx.pathParam("id"),
                          Guard.seqParam(ctx, "after"),
                          Guard.intParam(ctx, "limit", 500)),
                      EventView::of));
            }));
    routes.post(
        BASE + "/{id}/cancel",
        guard.with(
            INVOKE,
            (ctx, ns) -> {
              Guard.requireInvoke(ctx, service.find(ns, ctx.pathParam("id")).spec().agent());
              boolean cascade =
                  ctx.bodyAsBytes().length > 0
                      && Boolean.TRUE.equals(Bodies.read(ctx, CancelBody.class).cascade());
              ctx.json(InvocationView.of(service.cancel(ns, ctx.pathParam("id"), cascade), null));
            }));
    routes.post(
        BASE + "/{id}/retry",
        guard.with(
            INVOKE,
            (ctx, ns) -> {
              Guard.requireInvoke(ctx, service.find(ns, ctx.pathParam("id")).spec().agent());
              ctx.json(InvocationView.of(service.retry(ns, ctx.pathParam("id")), null));
            }));
    routes.get(
        "/v1/namespaces/{ns}/dead-letters",
        guard.with(
            READ,
            (ctx, ns) ->
                ctx.json(
                    PageView.of(
                        service.list(query(ctx, ns, true)), i -> InvocationView.of(i, null)))));
  }

  private static InvocationRequest at(int index, InvocationBody body) {
    try {
      return InvocationBody.request(body);
    } catch (dev.agentdispatch.server.app.ServiceException e) {
      throw e.at("invocations[" + index + "]");
    } catch (ApiException e) {
      throw new ApiException(
          e.status(), e.code(), "invocations[" + index + "]: " + e.getMessage(), e.details());
    }
  }

  private static InvocationQuery query(Context ctx, String ns, boolean deadLetters) {
    Optional<InvocationStatus> status =
        Guard.param(ctx, "status")
            .map(s ->
                InvocationStatus.parse(s)
                    .orElseThrow(() ->
                        ApiException.badRequest(
                            "status '"
                                + s
                                + "' is not one of pending, running, "
                                + "waiting_for_input, completed, error, cancelled, timed_out")));
    int limit = Guard.intParam(ctx, "limit", InvocationQuery.DEFAULT_LIMIT);
    if (limit < 1 || limit > InvocationQuery.MAX_LIMIT) {
      throw ApiException.badRequest(
          "limit must be between 1 and " + InvocationQuery.MAX_LIMIT + ", got " + limit);
    }
    return new InvocationQuery(
        ns,
        status,
        Guard.param(ctx, "agent"),
        Guard.param(ctx, "function"),
        Guard.param(ctx, "trace_id"),
        Guard.param(ctx, "parent_id"),
        Guard.param(ctx, "session_id"),
        deadLetters || "true".equals(ctx.queryParam("dead_letter")),
        limit,
        Guard.param(ctx, "cursor"));
  }
}
