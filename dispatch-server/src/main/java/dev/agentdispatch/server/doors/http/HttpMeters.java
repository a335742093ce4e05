package dev.agentdispatch.server.doors.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Times every request by method, route template (never the raw path: ids would make the labels
 * unbounded) and status, as {@code http.server.requests}. Long-polls and event streams are timed
 * too, for as long as they were held open; filter them out by route.
 */
final class HttpMeters {
  private static final String STARTED = "dispatch.metrics.started";
  private static final String ROUTE = "dispatch.metrics.route";
  private static final String UNMATCHED = "unmatched";

  private HttpMeters() {}

  static void install(RoutesConfig routes, MeterRegistry registry) {
    routes.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
    // In a before-matched handler ctx.endpoint() is that handler; the route is the matched one.
    routes.beforeMatched(ctx -> ctx.attribute(ROUTE, RequestMdc.route(ctx)));
    routes.after(ctx -> record(ctx, registry));
  }

  private static void record(Context ctx, MeterRegistry registry) {
    Long started = ctx.attribute(STARTED);
    if (started == null) {
      return;
    }
    String route = ctx.attribute(ROUTE);
    Timer.builder("http.server.requests")
        .description("HTTP requests by route template and status")
        .tags(
            "method",
            ctx.method().name(),
            "route",
            route == null ? UNMATCHED : route,
            "status",
            Integer.toString(ctx.statusCode()))
        .serviceLevelObjectives(
            Duration.ofMillis(1),
            Duration.ofMillis(5),
            Duration.ofMillis(10),
            Duration.ofMillis(25),
            Duration.ofMillis(100),
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30))
        .register(registry)
        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
  }
}
