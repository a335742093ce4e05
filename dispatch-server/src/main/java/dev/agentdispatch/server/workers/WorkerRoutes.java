package dev.agentdispatch.server.workers;

import static dev.agentdispatch.core.auth.Permission.WORK;

import dev.agentdispatch.server.api.ApiException;
import dev.agentdispatch.server.api.Bodies;
import dev.agentdispatch.server.api.Guard;
import dev.agentdispatch.store.invocation.CompletionResult;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /v1/namespaces/{ns}/workers/*}: thin mapping onto {@link WorkerService}. */
public final class WorkerRoutes {
  private static final String BASE = "/v1/namespaces/{ns}/workers";

  private WorkerRoutes() {}

  public static void register(RoutesConfig routes, Guard guard, WorkerService workers) {
    routes.post(BASE + "/lease", guard.with(WORK, (ctx, ns) ->
        ctx.json(Map.of("leases", workers.lease(ns, Bodies.read(ctx, WorkerBodies.LeaseBody.class))))));
    routes.post(BASE + "/heartbeat", guard.with(WORK, (ctx, ns) ->
        ctx.json(workers.heartbeat(ns, Bodies.read(ctx, WorkerBodies.HeartbeatBody.class)))));
    routes.post(BASE + "/complete", guard.with(WORK, (ctx, ns) -> {
      List<CompletionResult> results = workers.complete(ns, Bodies.read(ctx, WorkerBodies.CompleteBody.class));
      List<String> accepted = results.stream().filter(CompletionResult::accepted).map(CompletionResult::leaseId).toList();
      List<Map<String, String>> rejected = results.stream().filter(r -> !r.accepted())
          .map(r -> Map.of("lease_id", r.leaseId(), "reason", r.rejectedBecause().orElseThrow())).toList();
      if (accepted.isEmpty()) {
        throw ApiException.conflict("stale_lease", "no result was accepted: the leases are stale or the attempts ended",
            Optional.of(Map.of("rejected", rejected)));
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("accepted", accepted);
      body.put("rejected", rejected);
      ctx.json(body);
    }));
    routes.post(BASE + "/events", guard.with(WORK, (ctx, ns) ->
        ctx.json(Map.of("appended", workers.appendEvents(ns, Bodies.read(ctx, WorkerBodies.EventsBody.class))))));
  }
}
