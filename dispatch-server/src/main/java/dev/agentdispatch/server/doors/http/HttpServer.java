package dev.agentdispatch.server.doors.http;

import dev.agentdispatch.server.app.Json;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson3;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.eclipse.jetty.server.ServerConnector;

/** The node's one HTTP server (Javalin on virtual threads) with every door on it. */
public final class HttpServer {
  /** A whole request body may hold a batch of results, each up to a payload's size. */
  private static final long MAX_REQUEST_BYTES = 64L * 1024 * 1024;

  /** Connections the kernel holds for the node to accept (capped by net.core.somaxconn). */
  static final int ACCEPT_BACKLOG = 1024;

  private HttpServer() {}

  /**
   * The server on {@code bind}:{@code port} (0: any free port) with {@code doors}, not yet started.
   *
   * @param devServer true when it runs on loopback without keys: it then answers only requests
   *     addressed to loopback names from no foreign origin
   * @param maxInFlight how many requests it works on at once ({@link InFlightLimit})
   */
  public static Javalin create(
      String bind,
      int port,
      boolean devServer,
      int maxInFlight,
      List<HttpDoor> doors,
      MeterRegistry meters) {
    return Javalin.create(cfg -> {
      cfg.concurrency.useVirtualThreads = true;
      cfg.startup.showJavalinBanner = false;
      cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
      cfg.jsonMapper(new JavalinJackson3(Json.MAPPER, false));
      cfg.jetty.host = bind;
      cfg.jetty.port = port;
      // Javalin's own connector, but with connections whose read loop runs on one thread at once:
      // Jetty's can run it on two after a refused request and mix callers' bytes.
      cfg.jetty.addConnector((server, http) -> {
        ServerConnector connector = new ServerConnector(server, new OneReaderConnections(http));
        connector.setHost(bind);
        connector.setPort(port);
        // The JDK's default listen backlog is 50: callers connecting in a burst overflowed it, and
        // the kernel reset their connections (TcpExtListenOverflows) before the node could answer
        // them, even with a 503.
        connector.setAcceptQueueSize(ACCEPT_BACKLOG);
        return connector;
      });
      HangupWatch hangups = new HangupWatch();
      meters.gauge("dispatch.http.requests.parked", hangups, HangupWatch::parkedCount);
      cfg.jetty.modifyServletContextHandler(h -> {
        // Inserted first, so it comes after the limit: it runs on the thread that serves.
        h.insertHandler(hangups);
        h.insertHandler(new InFlightLimit(maxInFlight));
      });
      ErrorMapper.install(cfg, doors);
      HttpMeters.install(cfg.routes, meters);
      cfg.routes.before(new RequestScreen(MAX_REQUEST_BYTES, devServer));
      RequestMdc.install(cfg.routes);
      IncomingTrace.install(cfg.routes);
      doors.forEach(d -> d.register(cfg.routes));
    });
  }
}
