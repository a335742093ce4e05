package dev.agentdispatch.server.doors.http;

import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * Jetty's HTTP/1.1 connections, except that a connection's read loop ({@code onFillable}) never
 * runs on two threads at once. A workaround for a race in Jetty 12.1 (seen in 12.1.12; 12.1.13 has
 * the same code) that sent one caller's bytes to another caller.
 *
 * <p>The race: when the parser refuses a request (431 headers too large, 414, a bad URI or header),
 * the thread that parsed it hands the error answer to another thread and goes on to release the
 * connection's request buffer. When that answer is written, Jetty resumes reading the connection on
 * a third thread, at once, whether or not the first is done. Both then use the same pooled request
 * buffer: the second reads the refused caller's remaining bytes into it after the first has given
 * it back to the pool, so the next connection that takes it from the pool (to write an answer's
 * head) sends those bytes first: another caller reads {@code yyyy…} where its status line should
 * be, or has its request or answer cut. A refused caller controls those bytes, and a buffer in use
 * by two connections could carry a caller's headers (an API key) to another. docs/operations.md
 * tells the story; {@code JettyRefusalRaceTest} forces the interleaving.
 *
 * <p>With the loop serialized, the resumed read waits until the first has released the buffer and
 * then takes its own. Only a second loop on the same connection ever waits, and only while the
 * first finishes: Jetty resumes a connection's loop only once its request is answered, and a loop
 * that runs a request (a long-poll parks in it) does not need another to run meanwhile.
 */
final class OneReaderConnections extends HttpConnectionFactory {
  OneReaderConnections(HttpConfiguration config) {
    super(config);
  }

  /** As {@link HttpConnectionFactory#newConnection}, with the serialized connection. */
  @Override
  public Connection newConnection(Connector connector, EndPoint endPoint) {
    HttpConnection connection = new OneReader(getHttpConfiguration(), connector, endPoint);
    connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
    return configure(connection, connector, endPoint);
  }

  /** A connection whose read loop holds a lock. */
  static final class OneReader extends HttpConnection {
    private final ReentrantLock reading = new ReentrantLock();

    OneReader(HttpConfiguration config, Connector connector, EndPoint endPoint) {
      super(config, connector, endPoint);
    }

    @Override
    public void onFillable() {
      reading.lock();
      try {
        super.onFillable();
      } finally {
        reading.unlock();
      }
    }
  }
}
