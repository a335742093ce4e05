package dev.agentdispatch.store.postgres;

import dev.agentdispatch.store.StoreListeners;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears other nodes' store events: one dedicated, non-pooled connection per node that LISTENs and
 * turns notifications into local store events (waking this node's long-polls and waiters). When the
 * connection drops it reconnects with backoff; notifications missed meanwhile cost only latency,
 * because waiters also re-check on a slow fallback timer.
 */
final class PgListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PgListener.class);
  private static final int POLL_MS = 500;
  private static final long MAX_BACKOFF_MS = 5_000;

  private final PgDedicatedConnection connection;
  private final StoreListeners listeners;
  private final Thread thread;
  private volatile boolean running = true;

  private final NotifyLag lag;

  PgListener(PgConnections connections, StoreListeners listeners, NotifyLag lag) {
    this.lag = lag;
    this.connection = new PgDedicatedConnection(connections, PgListener::listen);
    this.listeners = listeners;
    this.thread = Thread.ofPlatform().name("pg-listener").daemon(true).unstarted(this::run);
  }

  /**
   * Starts listening. The first LISTEN runs before this returns, so a node that has opened hears
   * every notification committed after that; if it fails, the listening thread keeps trying.
   */
  PgListener start() {
    try {
      connection.use(c -> null);
    } catch (SQLException e) {
      log.warn("LISTEN not yet possible ({}); the listener keeps trying", e.getMessage());
    }
    thread.start();
    return this;
  }

  private void run() {
    long backoff = 100;
    while (running) {
      try {
        PGNotification[] notes =
            connection.use(c -> c.unwrap(PGConnection.class).getNotifications(POLL_MS));
        if (notes != null) {
          for (PGNotification n : notes) {
            lag.received(n.getName(), n.getParameter());
            listeners.publish(PgChannels.eventsOf(n.getName(), n.getParameter()));
          }
        }
        backoff = 100;
      } catch (SQLException e) {
        if (!running) {
          return;
        }
        log.warn("LISTEN connection lost ({}); reconnecting in {} ms", e.getMessage(), backoff);
        sleep(backoff);
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
      }
    }
  }

  private static void listen(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("LISTEN " + PgChannels.WORK);
      st.execute("LISTEN " + PgChannels.ENDED);
      st.execute("LISTEN " + PgChannels.LOG);
    }
  }

  private void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    connection.close();
  }
}
