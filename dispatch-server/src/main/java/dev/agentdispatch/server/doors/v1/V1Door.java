package dev.agentdispatch.server.doors.v1;

import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.agents.AgentService;
import dev.agentdispatch.server.app.events.EventService;
import dev.agentdispatch.server.app.invocations.InvocationService;
import dev.agentdispatch.server.app.memory.MemoryService;
import dev.agentdispatch.server.app.schedules.ScheduleService;
import dev.agentdispatch.server.app.sessions.SessionService;
import dev.agentdispatch.server.app.streams.LogService;
import dev.agentdispatch.server.app.traces.TraceService;
import dev.agentdispatch.server.app.workers.WorkerService;
import dev.agentdispatch.server.doors.http.ApiException;
import dev.agentdispatch.server.doors.http.ErrorMapper;
import dev.agentdispatch.server.doors.http.EventStreams;
import dev.agentdispatch.server.doors.http.Guard;
import dev.agentdispatch.server.doors.v1.agents.AgentRoutes;
import dev.agentdispatch.server.doors.v1.events.EventRoutes;
import dev.agentdispatch.server.doors.v1.invocations.InvocationRoutes;
import dev.agentdispatch.server.doors.v1.memory.MemoryRoutes;
import dev.agentdispatch.server.doors.v1.schedules.ScheduleRoutes;
import dev.agentdispatch.server.doors.v1.sessions.SessionRoutes;
import dev.agentdispatch.server.doors.v1.traces.TraceRoutes;
import dev.agentdispatch.server.doors.v1.workers.WorkerRoutes;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson3;
import java.util.function.BooleanSupplier;

/**
 * The native HTTP door: the {@code /v1} API of DESIGN §5 on Javalin with virtual threads. Each
 * feature's routes parse their wire form, call one service, and map the result back; {@link
 * ErrorMapper} turns every refusal into the one error body.
 */
public final class V1Door {
  /** A whole request body may hold a batch of results, each up to a payload's size. */
  private static final long MAX_REQUEST_BYTES = 64L * 1024 * 1024;

  private V1Door() {}

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
      LogService logs) {}

  /**
   * The HTTP server with every {@code /v1} route on {@code bind}:{@code port} (0: any free port),
   * not yet started.
   *
   * @param draining true once the node shuts down: new work is refused, results and heartbeats
   *     still land
   */
  public static Javalin create(
      String bind,
      int port,
      Guard guard,
      Services s,
      EventStreams streams,
      BooleanSupplier draining) {
    return Javalin.create(cfg -> {
      cfg.concurrency.useVirtualThreads = true;
      cfg.startup.showJavalinBanner = false;
      cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
      cfg.jsonMapper(new JavalinJackson3(Json.MAPPER, false));
      cfg.jetty.host = bind;
      cfg.jetty.port = port;
      ErrorMapper.install(cfg);
      cfg.routes.before(
          "/v1/*",
          ctx -> {
            if (draining.getAsBoolean()
                && !ctx.path().endsWith("/complete")
                && !ctx.path().endsWith("/heartbeat")) {
              throw ApiException.unavailable("the server is shutting down");
            }
          });
      SystemRoutes.register(cfg.routes, () -> !draining.getAsBoolean());
      AgentRoutes.register(cfg.routes, guard, s.agents());
      InvocationRoutes.register(cfg.routes, guard, s.invocations(), s.logs(), streams);
      SessionRoutes.register(cfg.routes, guard, s.sessions(), s.logs(), streams);
      MemoryRoutes.register(cfg.routes, guard, s.memory());
      WorkerRoutes.register(cfg.routes, guard, s.workers());
      EventRoutes.register(cfg.routes, guard, s.events());
      ScheduleRoutes.register(cfg.routes, guard, s.schedules());
      TraceRoutes.register(cfg.routes, guard, s.traces());
    });
  }
}
