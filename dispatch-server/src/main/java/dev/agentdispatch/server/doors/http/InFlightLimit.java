package dev.agentdispatch.server.doors.http;

import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Admission at the door: the node works on at most {@code maxInFlight} requests at once. Past that
 * a request is parked (no thread, no body read) for up to {@link #MAX_WAIT}; if no turn comes, or
 * more than {@link #PARKED_PER_SLOT} per slot are already parked, it is answered at once with 503
 * and {@code Retry-After}, in the door's JSON error shape (Jetty's error handler writes it).
 *
 * <p>Without this, an arrival rate above what the node can serve piles requests up in memory and
 * every caller waits longer and longer; with it the work admitted keeps a bounded latency (about
 * {@code maxInFlight} ÷ throughput) and the rest are told to come back.
 *
 * <p>Streams and long-polls are not counted: they spend their time waiting, not working, and a
 * hundred idle long-polling workers must not crowd out the requests that feed them. Nor are a
 * worker's completions and heartbeats: they finish work already admitted, and refusing them under
 * overload would turn a short burst into expired leases and work run again. Their number is bounded
 * by the leases out, and the store still bounds what it queues.
 */
final class InFlightLimit extends QoSHandler {
  /** Longest a request waits for a turn before it is refused. */
  static final Duration MAX_WAIT = Duration.ofMillis(250);

  /** Parked requests allowed per slot; past it, refusals come without waiting. */
  static final int PARKED_PER_SLOT = 4;

  InFlightLimit(int maxInFlight) {
    setMaxRequestCount(maxInFlight);
    setMaxSuspendedRequestCount(maxInFlight * PARKED_PER_SLOT);
    setMaxSuspend(MAX_WAIT);
    setRejectStatusCode(HttpStatus.SERVICE_UNAVAILABLE_503);
    exclude(InFlightLimit::uncounted);
  }

  /** Set on a request refused here, so the error page says why. */
  static final String REFUSED = InFlightLimit.class.getName() + ".refused";

  /** Refused without waiting: too many are parked already. */
  @Override
  protected void reject(Request request, Response response, Callback callback, int status) {
    refuse(request, response, callback);
  }

  /** Refused after waiting {@link #MAX_WAIT} for a turn. */
  @Override
  protected void failSuspended(
      Request request, Response response, Callback callback, int status, Throwable failure) {
    refuse(request, response, callback);
  }

  private static void refuse(Request request, Response response, Callback callback) {
    request.setAttribute(REFUSED, Boolean.TRUE);
    response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
    Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503);
  }

  /**
   * Requests the limit does not count: those that hold their connection open to wait (event
   * streams, long-polls ({@code wait} or {@code wait_seconds}, a worker's lease), runs that wait or
   * stream on the protocol doors, model calls through the gateway, whose time is the provider's),
   * and a worker's completions and heartbeats.
   */
  static boolean uncounted(Request request) {
    String accept = request.getHeaders().get(HttpHeader.ACCEPT);
    if (accept != null && accept.contains("text/event-stream")) {
      return true;
    }
    String query = request.getHttpURI().getQuery();
    if (query != null && query.contains("wait")) {
      return true;
    }
    String path = request.getHttpURI().getPath();
    return path == null
        || path.endsWith("/workers/lease")
        || path.endsWith("/workers/complete")
        || path.endsWith("/workers/heartbeat")
        || path.contains("/stream")
        || path.contains("/wait")
        || path.endsWith("/join")
        || path.contains("/llm/")
        || path.startsWith("/mcp/")
        || path.startsWith("/a2a/");
  }
}
