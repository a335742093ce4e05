package dev.agentdispatch.server.doors.http;

import dev.agentdispatch.server.app.signals.Parking;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Notices callers that hang up while their request waits (a long-poll, a lease poll, a stream
 * between events), so the wait ends at once and its thread, socket and registration go, instead of
 * staying until the wait times out (up to 60 s).
 *
 * <p>Why a probe: on HTTP/1.1, Jetty reads a connection only between requests. While a request is
 * handled its connection is not read, so a client's FIN is not seen until the answer is written
 * (and not reliably then: a write after the peer's FIN succeeds), and no listener fires. Taking the
 * connection's read interest ourselves ({@code EndPoint.tryFillInterested}) does fire on the FIN,
 * but it steals the interest the connection needs once the response completes (Jetty then aborts
 * the connection as having a pending read) and cannot tell a FIN from a pipelined request. So every
 * {@link #PERIOD}, for each request whose thread is parked in a wait, and only while it is parked
 * (it stays parked until the probe is done, so nothing else reads the connection meanwhile), the
 * probe asks the socket without blocking: bytes waiting (Jetty's buffer holding a pipelined request
 * already, or {@code FIONREAD}) are a pipelined request, so the caller is there and they are left
 * for the connection; else a non-blocking read returns -1 when the caller closed (or fails when it
 * reset), 0 when it is idle. The rare bytes that arrive between the two questions are handed to the
 * connection as bytes read ahead ({@link Connection.UpgradeTo#onUpgradeTo}), which it parses as the
 * next request. A caller found gone has its wait ended ({@link Parking#hangUp}) and its connection
 * closed.
 *
 * <p>Only plain HTTP/1.x sockets are probed, and only once the request's body is read. Jetty itself
 * reports a failed request (a closed connection, an HTTP/2 reset, a stopping connector) to {@link
 * Request#addFailureListener}, which ends the wait too; an idle timeout is not taken for a hang-up.
 *
 * <p>The same check runs on the request's own thread before it answers with work taken for the
 * caller ({@link Parking#callerGone}), so a lease is given back at once rather than sent to a
 * socket nobody reads.
 */
final class HangupWatch extends Handler.Wrapper {
  /** How often parked requests are probed: a hang-up is noticed within about this long. */
  static final long PERIOD_MS = 1000;

  /** Bytes read at most by one probe that races a pipelined request. */
  private static final int PROBE_BYTES = 4096;

  private final Set<Parked> parked = ConcurrentHashMap.newKeySet();
  private ScheduledExecutorService timer;

  /** One parked request: its waits and its connection's end point. */
  private record Parked(Parking parking, EndPoint endPoint) {}

  @Override
  protected void doStart() throws Exception {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("hangup-watch").daemon(true).unstarted(r));
    timer.scheduleWithFixedDelay(this::probeAll, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    super.doStart();
  }

  @Override
  protected void doStop() throws Exception {
    super.doStop();
    timer.shutdownNow();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
    Parked[] self = new Parked[1];
    Parking parking =
        new Parking(() -> hungUp(endPoint), p -> parked.add(self[0]), p -> parked.remove(self[0]));
    self[0] = new Parked(parking, endPoint);
    request.addFailureListener(failure -> {
      if (!(failure instanceof TimeoutException)) {
        parking.hangUp();
      }
    });
    return Parking.serve(parking, () -> super.handle(request, response, callback));
  }

  /** How many requests wait parked now, for tests and metrics. */
  int parkedCount() {
    return parked.size();
  }

  private void probeAll() {
    for (Parked p : parked) {
      try {
        if (p.parking().probe(() -> hungUp(p.endPoint())) && p.parking().gone()) {
          p.endPoint().close(new EofException("the caller hung up while its request waited"));
        }
      } catch (RuntimeException e) {
        // One odd connection must not stop the watch over the others.
        p.endPoint().close(e);
      }
    }
  }

  /**
   * Whether the caller on {@code endPoint} is gone, asked without blocking and without taking its
   * bytes; only while nothing else reads the connection (its request's thread is parked, or is the
   * one asking).
   */
  private static boolean hungUp(EndPoint endPoint) {
    if (!endPoint.isOpen()) {
      return true;
    }
    if (!(endPoint instanceof SocketChannelEndPoint socket)
        || !(endPoint.getConnection() instanceof HttpConnection connection)) {
      return false;
    }
    if (!connection.getParser().isComplete()) {
      // Its body is not all read: a read now would take the body's bytes. Not probed until it is.
      return false;
    }
    if (!connection.isRequestBufferEmpty()) {
      // Jetty holds the caller's next request already (pipelined): the caller waits for answers,
      // even if it closed its side since. And bytes read ahead would not all fit behind it.
      return false;
    }
    SocketChannel channel = socket.getChannel();
    try {
      if (channel.socket().getInputStream().available() > 0) {
        return false;
      }
      ByteBuffer ahead = BufferUtil.allocate(PROBE_BYTES);
      int read = endPoint.fill(ahead);
      if (read > 0) {
        connection.onUpgradeTo(ahead);
      }
      return read < 0;
    } catch (IOException e) {
      return true;
    }
  }
}
