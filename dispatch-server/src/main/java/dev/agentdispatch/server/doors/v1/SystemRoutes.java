package dev.agentdispatch.server.doors.v1;

import dev.agentdispatch.server.doors.http.ApiException;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Health, readiness and the OpenAPI document. */
public final class SystemRoutes {
  private SystemRoutes() {}

  public static void register(RoutesConfig routes, BooleanSupplier ready) {
    byte[] openapi = load("/openapi.json");
    routes.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
    routes.get(
        "/readyz",
        ctx -> {
          if (ready.getAsBoolean()) {
            ctx.json(Map.of("status", "ready"));
          } else {
            throw ApiException.unavailable("the server is starting or shutting down");
          }
        });
    routes.get("/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openapi));
  }

  private static byte[] load(String resource) {
    try (InputStream in = SystemRoutes.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the server jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
