package dev.agentdispatch.server.doors.http;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Admission at the door: the node works on at most {@code maxInFlight} requests at once. Past that
 * a request waits (its virtual thread parked, its body not read) for up to {@link #MAX_WAIT}; if no
 * turn comes, or more than {@link #PARKED_PER_SLOT} per slot already wait, it is answered at once
 * with 503 and {@code Retry-After}, in the door's JSON error shape (Jetty's error handler writes
 * it).
 *
 * <p>Written here rather than taken from Jetty's {@code QoSHandler}, which this class extended
 * until it hung a node under overload: a finishing request that finds a waiter counted but not yet
 * queued spins ({@code Thread.onSpinWait}) until the waiter queues itself. Requests run on virtual
 * threads; two spinning requests held both carriers of a 2-core machine, the waiter they spun for
 * could never run to queue itself, and the node stopped answering for good (seen at twice its
 * capacity in the bench). Here a request waits for its turn on a semaphore, parking its virtual
 * thread, and a finishing request only releases a permit: nothing spins.
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
final class InFlightLimit extends Handler.Wrapper {
  /** Longest a request waits for a turn before it is refused. */
  static final Duration MAX_WAIT = Duration.ofMillis(250);

  /** Waiting requests allowed per slot; past it, refusals come without waiting. */
  static final int PARKED_PER_SLOT = 4;

  /** Set on a request refused here, so the error page says why. */
  static final String REFUSED = InFlightLimit.class.getName() + ".refused";

  private final Semaphore slots;
  private final int maxWaiting;
  private final AtomicInteger waiting = new AtomicInteger();

  InFlightLimit(int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be positive, got " + maxInFlight);
    }
    this.slots = new Semaphore(maxInFlight, true);
    this.maxWaiting = maxInFlight * PARKED_PER_SLOT;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (uncounted(request)) {
      return super.handle(request, response, callback);
    }
    if (!slots.tryAcquire() && !awaitTurn()) {
      refuse(request, response, callback);
      return true;
    }
    // Fires once the response is complete, whether handled, failed or not found.
    Request.addCompletionListener(request, failure -> slots.release());
    return super.handle(request, response, callback);
  }

  /** Waits up to {@link #MAX_WAIT} for a slot, unless too many wait already. */
  private boolean awaitTurn() {
    if (waiting.incrementAndGet() > maxWaiting) {
      waiting.decrementAndGet();
      return false;
    }
    try {
      return slots.tryAcquire(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      waiting.decrementAndGet();
    }
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
