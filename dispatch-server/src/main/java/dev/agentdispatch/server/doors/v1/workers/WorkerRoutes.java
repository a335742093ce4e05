package dev.agentdispatch.server.doors.v1.workers;

import static dev.agentdispatch.core.auth.Permission.WORK;

import dev.agentdispatch.server.app.auth.Caller;
import dev.agentdispatch.server.app.signals.Parking;
import dev.agentdispatch.server.app.workers.WorkerRequests;
import dev.agentdispatch.server.app.workers.WorkerService;
import dev.agentdispatch.server.doors.http.Bodies;
import dev.agentdispatch.server.doors.http.Guard;
import dev.agentdispatch.server.doors.v1.workers.WorkerBodies.CompleteBody;
import dev.agentdispatch.server.doors.v1.workers.WorkerBodies.EventsBody;
import dev.agentdispatch.server.doors.v1.workers.WorkerBodies.HeartbeatBody;
import dev.agentdispatch.server.doors.v1.workers.WorkerBodies.LeaseBody;
import dev.agentdispatch.server.protocol.LeaseView;
import dev.agentdispatch.server.protocol.ResultBody;
import dev.agentdispatch.store.invocation.Completion;
import dev.agentdispatch.store.invocation.CompletionResult;
import dev.agentdispatch.store.invocation.NewEvent;
import io.javalin.config.RoutesConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code /v1/namespaces/{ns}/workers/*}: thin mapping onto {@link WorkerService}. */
public final class WorkerRoutes {
  private static final String BASE = "/v1/namespaces/{ns}/workers";

  private WorkerRoutes() {}

  /** The answer to a lease request. */
  public record LeasesView(List<LeaseView> leases) {}

  /** The answer to a completion: which results were taken, which were not and why. */
  public record CompletedView(List<String> accepted, List<Rejected> rejected) {
    /** A result that was not taken. */
    public record Rejected(String leaseId, String reason) {}
  }

  /** The answer to an events append. */
  public record AppendedView(int appended) {}

  public static void register(RoutesConfig routes, Guard guard, WorkerService workers) {
    routes.post(
        BASE + "/lease",
        guard.with(
            WORK,
            (ctx, ns) -> {
              LeaseBody b = Bodies.read(ctx, LeaseBody.class);
              WorkerRequests.Lease request =
                  WorkerRequests.Lease.of(
                      WorkerRequests.scopedToKey(Guard.caller(ctx), b.workerId()),
                      b.agent(),
                      b.functions(),
                      b.max(),
                      b.waitMs(),
                      b.leaseSeconds());
              Guard.requireAgent(ctx, request.agent());
              var leased = workers.lease(ns, request);
              if (!Bodies.sendNow(
                  ctx, new LeasesView(leased.stream().map(LeaseView::of).toList()))) {
                // Not delivered: the work goes to the next poll now, not when the leases expire.
                workers.giveBack(ns, leased);
                throw new Parking.CallerGone();
              }
            }));
    routes.post(
        BASE + "/heartbeat",
        guard.with(
            WORK,
            (ctx, ns) -> {
              HeartbeatBody b = Bodies.read(ctx, HeartbeatBody.class);
              ctx.json(
                  HeartbeatView.of(
                      workers.heartbeat(
                          ns,
                          WorkerRequests.Heartbeat.of(
                              WorkerRequests.scopedToKey(Guard.caller(ctx), b.workerId()),
                              b.leaseIds(),
                              b.leaseSeconds()))));
            }));
    routes.post(
        BASE + "/complete",
        guard.with(
            WORK,
            (ctx, ns) -> {
              List<CompletionResult> results =
                  workers.complete(
                      ns, complete(Guard.caller(ctx), Bodies.read(ctx, CompleteBody.class)));
              ctx.json(
                  new CompletedView(
                      results.stream()
                          .filter(CompletionResult::accepted)
                          .map(CompletionResult::leaseId)
                          .toList(),
                      results.stream()
                          .filter(r -> !r.accepted())
                          .map(r ->
                              new CompletedView.Rejected(
                                  r.leaseId(), r.rejectedBecause().orElseThrow()))
                          .toList()));
            }));
    routes.post(
        BASE + "/events",
        guard.with(
            WORK,
            (ctx, ns) -> {
              EventsBody b = Bodies.read(ctx, EventsBody.class);
              List<NewEvent> events =
                  Optional.ofNullable(b.events()).orElse(List.of()).stream()
                      .map(e ->
                          new NewEvent(
                              e == null || e.type() == null ? "" : e.type(),
                              e == null || e.data() == null ? "null" : e.data().toString()))
                      .toList();
              ctx.json(
                  new AppendedView(
                      workers.appendEvents(
                          ns,
                          new WorkerRequests.AppendEvents(
                              WorkerRequests.scopedToKey(Guard.caller(ctx), b.workerId()),
                              b.leaseId(),
                              events))));
            }));
  }

  private static WorkerRequests.Complete complete(Caller caller, CompleteBody body) {
    List<Completion> completions = new ArrayList<>();
    List<ResultBody> results = Optional.ofNullable(body.results()).orElse(List.of());
    for (int i = 0; i < results.size(); i++) {
      ResultBody r = results.get(i);
      String where = "results[" + i + "]";
      if (r == null) {
        completions.add(
            WorkerRequests.result(
                where, null, null, null, Optional.empty(), null, null, List.of()));
        continue;
      }
      completions.add(r.completion(where));
    }
    return new WorkerRequests.Complete(
        WorkerRequests.scopedToKey(caller, body.workerId()), completions);
  }
}
