package dev.agentdispatch.server.doors.dashboard;

import dev.agentdispatch.server.doors.http.ApiException;
import dev.agentdispatch.server.doors.http.ErrorShape;
import dev.agentdispatch.server.doors.http.HttpDoor;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * The web dashboard: static files (HTML, JavaScript modules, CSS) served from the jar under {@code
 * /ui/}, with {@code /} sending a browser there. The page reads and acts only through the public
 * {@code /v1} API with the user's own key, so the files need no auth and hold no data.
 *
 * <p>{@code /ui/assets/…} are the files; every other {@code /ui/…} path is a page of the app (a
 * deep link such as {@code /ui/invocations/ID}) and answers {@code index.html}, whose script routes
 * it. Every answer carries a strict Content-Security-Policy (scripts and styles only from this
 * origin, none inline, no framing), and is revalidated by its ETag, so a new server version is
 * picked up at once without re-downloading unchanged files.
 */
public final class DashboardDoor implements HttpDoor {
  /** Where the dashboard lives. */
  public static final String BASE = "/ui/";

  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  private static final String ASSETS = "assets/";
  private final StaticFiles files = new StaticFiles("dashboard");

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/", ctx -> ctx.redirect(BASE));
    routes.get("/ui", this::page);
    routes.get("/ui/<path>", this::serve);
  }

  private void serve(Context ctx) {
    String path = ctx.pathParam("path");
    if (path.startsWith(ASSETS)) {
      send(
          ctx,
          files.find(path).orElseThrow(() -> ApiException.notFound("no dashboard file " + path)));
    } else {
      page(ctx);
    }
  }

  /** Any page of the app: the one HTML document, which routes by the URL. */
  private void page(Context ctx) {
    send(
        ctx,
        files
            .find("index.html")
            .orElseThrow(() -> new IllegalStateException("the jar lacks dashboard/index.html")));
  }

  private static void send(Context ctx, StaticFiles.File file) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Cache-Control", "no-cache");
    ctx.header("ETag", file.etag());
    if (file.etag().equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    ctx.contentType(file.contentType()).result(file.bytes());
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of(BASE);
  }

  @Override
  public ErrorShape errorShape() {
    return ErrorShape.NATIVE;
  }
}
