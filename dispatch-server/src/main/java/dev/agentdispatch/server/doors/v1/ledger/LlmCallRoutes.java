package dev.agentdispatch.server.doors.v1.ledger;

import static dev.agentdispatch.core.auth.Permission.READ;
import static dev.agentdispatch.core.auth.Permission.WORK;

import dev.agentdispatch.server.app.llm.CallLedger;
import dev.agentdispatch.server.app.llm.ledger.LlmLedger;
import dev.agentdispatch.server.app.llm.ledger.ReportedCall;
import dev.agentdispatch.server.app.llm.ledger.UsageService;
import dev.agentdispatch.server.doors.http.ApiException;
import dev.agentdispatch.server.doors.http.Bodies;
import dev.agentdispatch.server.doors.http.Guard;
import dev.agentdispatch.server.doors.v1.wire.PageView;
import dev.agentdispatch.store.llm.LlmCallQuery;
import io.javalin.config.RoutesConfig;

/**
 * {@code /v1/namespaces/{ns}/llm/calls}: agents that call providers directly report their calls
 * (the worker role, as for the rest of an agent's reporting); anyone who may read lists them.
 */
public final class LlmCallRoutes {
  private static final String BASE = "/v1/namespaces/{ns}/llm/calls";

  private LlmCallRoutes() {}

  public static void register(
      RoutesConfig routes, Guard guard, LlmLedger ledger, UsageService usage) {
    routes.post(
        BASE,
        guard.with(
            WORK,
            (ctx, ns) -> {
              CallLedger.RecordedCall r =
                  ledger.report(ReportedCall.of(ns, Bodies.read(ctx, ReportedCall.Wire.class)));
              ctx.status(201).json(new LlmCallView.Recorded(r.id(), r.costUsd()));
            }));
    routes.get(
        BASE,
        guard.with(
            READ,
            (ctx, ns) -> {
              int limit = Guard.intParam(ctx, "limit", LlmCallQuery.DEFAULT_LIMIT);
              if (limit < 1 || limit > LlmCallQuery.MAX_LIMIT) {
                throw ApiException.badRequest(
                    "limit must be between 1 and " + LlmCallQuery.MAX_LIMIT + ", got " + limit);
              }
              var query =
                  new LlmCallQuery(
                      ns,
                      Guard.param(ctx, "trace_id"),
                      Guard.param(ctx, "invocation_id"),
                      Guard.param(ctx, "agent"),
                      limit,
                      Guard.param(ctx, "cursor"));
              ctx.json(PageView.of(usage.calls(query), LlmCallView::of));
            }));
  }
}
