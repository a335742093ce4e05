package dev.agentdispatch.server.doors.v1;

import dev.agentdispatch.server.app.agents.AgentService;
import dev.agentdispatch.server.app.events.EventService;
import dev.agentdispatch.server.app.flow.FlowService;
import dev.agentdispatch.server.app.invocations.InvocationService;
import dev.agentdispatch.server.app.llm.budgets.BudgetService;
import dev.agentdispatch.server.app.llm.gateway.LlmGateway;
import dev.agentdispatch.server.app.llm.ledger.LlmLedger;
import dev.agentdispatch.server.app.llm.ledger.UsageService;
import dev.agentdispatch.server.app.llm.pricing.PricingService;
import dev.agentdispatch.server.app.llm.routing.RoutingServices;
import dev.agentdispatch.server.app.memory.MemoryService;
import dev.agentdispatch.server.app.schedules.ScheduleService;
import dev.agentdispatch.server.app.sessions.SessionService;
import dev.agentdispatch.server.app.streams.LogService;
import dev.agentdispatch.server.app.tasks.TaskService;
import dev.agentdispatch.server.app.tasks.TrackerWebhooks;
import dev.agentdispatch.server.app.traces.TraceService;
import dev.agentdispatch.server.app.workers.WorkerService;
import dev.agentdispatch.server.doors.http.ApiException;
import dev.agentdispatch.server.doors.http.ErrorShape;
import dev.agentdispatch.server.doors.http.EventStreams;
import dev.agentdispatch.server.doors.http.Guard;
import dev.agentdispatch.server.doors.http.HttpDoor;
import dev.agentdispatch.server.doors.v1.agents.AgentRoutes;
import dev.agentdispatch.server.doors.v1.events.EventRoutes;
import dev.agentdispatch.server.doors.v1.invocations.InvocationRoutes;
import dev.agentdispatch.server.doors.v1.ledger.BudgetRoutes;
import dev.agentdispatch.server.doors.v1.ledger.LlmCallRoutes;
import dev.agentdispatch.server.doors.v1.ledger.PricingRoutes;
import dev.agentdispatch.server.doors.v1.ledger.UsageRoutes;
import dev.agentdispatch.server.doors.v1.llm.LlmAdminRoutes;
import dev.agentdispatch.server.doors.v1.llm.LlmProxyRoutes;
import dev.agentdispatch.server.doors.v1.memory.MemoryRoutes;
import dev.agentdispatch.server.doors.v1.schedules.ScheduleRoutes;
import dev.agentdispatch.server.doors.v1.sessions.SessionRoutes;
import dev.agentdispatch.server.doors.v1.tasks.TaskRoutes;
import dev.agentdispatch.server.doors.v1.tasks.WebhookRoutes;
import dev.agentdispatch.server.doors.v1.traces.TraceRoutes;
import dev.agentdispatch.server.doors.v1.workers.WorkerRoutes;
import io.javalin.config.RoutesConfig;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The native HTTP door: the {@code /v1} API of DESIGN §5 (and the health and readiness probes).
 * Each feature's routes parse their wire form, call one service, and map the result back; errors
 * take the native shape {@code {"error": {code, message, details}}}.
 */
public final class V1Door implements HttpDoor {
  private final Guard guard;
  private final Services services;
  private final EventStreams streams;
  private final BooleanSupplier draining;

  /** The services this door calls. */
  public record Services(
      AgentService agents,
      InvocationService invocations,
      WorkerService workers,
      SessionService sessions,
      EventService events,
      ScheduleService schedules,
      TraceService traces,
      MemoryService memory,
      LogService logs,
      RoutingServices llmRouting,
      LlmGateway llm,
      LlmLedger ledger,
      PricingService pricing,
      BudgetService budgets,
      UsageService usage,
      FlowService flow,
      TaskService tasks,
      TrackerWebhooks webhooks) {}

  /**
   * @param draining true once the node shuts down: new work is refused, results and heartbeats
   *     still land
   */
  public V1Door(Guard guard, Services services, EventStreams streams, BooleanSupplier draining) {
    this.guard = guard;
    this.services = services;
    this.streams = streams;
    this.draining = draining;
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of("/v1/", "/healthz", "/readyz");
  }

  @Override
  public ErrorShape errorShape() {
    return ErrorShape.NATIVE;
  }

  /**
   * The LLM proxy's routes answer errors in their provider's shape, so client libraries read them.
   */
  @Override
  public ErrorShape errorShape(String path) {
    return LlmProxyRoutes.errorShape(path).orElse(ErrorShape.NATIVE);
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.before(
        "/v1/*",
        ctx -> {
          if (draining.getAsBoolean()
              && !ctx.path().endsWith("/complete")
              && !ctx.path().endsWith("/heartbeat")) {
            throw ApiException.unavailable("the server is shutting down");
          }
        });
    Services s = services;
    SystemRoutes.register(routes, () -> !draining.getAsBoolean());
    AgentRoutes.register(routes, guard, s.agents(), s.flow());
    InvocationRoutes.register(routes, guard, s.invocations(), s.flow(), s.logs(), streams);
    SessionRoutes.register(routes, guard, s.sessions(), s.logs(), streams);
    MemoryRoutes.register(routes, guard, s.memory());
    WorkerRoutes.register(routes, guard, s.workers());
    EventRoutes.register(routes, guard, s.events());
    ScheduleRoutes.register(routes, guard, s.schedules());
    TraceRoutes.register(routes, guard, s.traces());
    LlmAdminRoutes.register(routes, guard, s.llmRouting());
    LlmProxyRoutes.register(routes, guard, s.llm());
    LlmCallRoutes.register(routes, guard, s.ledger(), s.usage());
    PricingRoutes.register(routes, guard, s.pricing());
    BudgetRoutes.register(routes, guard, s.budgets());
    UsageRoutes.register(routes, guard, s.usage());
    TaskRoutes.register(routes, guard, s.tasks());
    WebhookRoutes.register(routes, s.webhooks());
  }
}
