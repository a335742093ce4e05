package dev.agentdispatch.server.doors.metrics;

import dev.agentdispatch.core.auth.Permission;
import dev.agentdispatch.server.doors.http.ApiException;
import dev.agentdispatch.server.doors.http.ErrorShape;
import dev.agentdispatch.server.doors.http.Guard;
import dev.agentdispatch.server.doors.http.HttpDoor;
import dev.agentdispatch.server.metrics.ServerMeters;
import io.javalin.config.RoutesConfig;
import java.util.List;

/**
 * {@code GET /metrics}: the node's meters in the Prometheus text format. With auth on it needs an
 * admin key for every namespace (the numbers name every namespace's agents); with metrics turned
 * off ({@code --no-metrics}) it answers 404 saying so.
 */
public final class MetricsDoor implements HttpDoor {
  /** The Prometheus text exposition format, version 0.0.4. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Guard guard;
  private final ServerMeters meters;

  public MetricsDoor(Guard guard, ServerMeters meters) {
    this.guard = guard;
    this.meters = meters;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get(
        "/metrics",
        guard.everywhere(
            Permission.ADMINISTER,
            ctx -> {
              String text =
                  meters
                      .scrape()
                      .orElseThrow(() ->
                          ApiException.notFound(
                              "metrics are turned off on this node (--no-metrics)"));
              ctx.contentType(CONTENT_TYPE).result(text);
            }));
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of("/metrics");
  }

  @Override
  public ErrorShape errorShape() {
    return ErrorShape.NATIVE;
  }
}
