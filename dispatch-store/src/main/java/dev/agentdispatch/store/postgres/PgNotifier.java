package dev.agentdispatch.store.postgres;

import dev.agentdispatch.store.StoreEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells other nodes about committed changes, from one thread on a dedicated connection, after the
 * work's own transaction committed. A transaction that NOTIFYs takes a database-wide lock through
 * its commit, so notifying inside the work transactions serialized every commit (measured: one
 * commit at a time, 3–5 waiting). Here notifications of many commits are coalesced into one short
 * transaction. A notification lost to a crash between commit and send costs the other nodes latency
 * only: their waiters re-check on a fallback timer.
 */
final class PgNotifier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PgNotifier.class);
  private static final int MAX_QUEUED = 100_000;

  private final PgDedicatedConnection connection;
  private final BlockingQueue<StoreEvent> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
  private final Thread thread;
  private volatile boolean running = true;

  private final NotifyLag lag;

  PgNotifier(PgConnections connections, NotifyLag lag) {
    this.lag = lag;
    // One short transaction per coalesced batch of notifications.
    this.connection = new PgDedicatedConnection(connections, c -> c.setAutoCommit(false));
    this.thread = Thread.ofPlatform().name("pg-notifier").daemon(true).unstarted(this::run);
  }

  PgNotifier start() {
    thread.start();
    return this;
  }

  /** Queues the events of a committed transaction; drops them (with a log line) if far behind. */
  void send(List<StoreEvent> events) {
    for (StoreEvent e : events) {
      if (!queue.offer(e)) {
        log.warn("notification queue full; other nodes will pick work up on their fallback poll");
        return;
      }
    }
  }

  private void run() {
    List<StoreEvent> batch = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        StoreEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch);
        notifyAll(PgChannels.notificationsFor(batch));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (SQLException e) {
        log.warn(
            "sending notifications failed ({}); other nodes will catch up on their fallback poll",
            e.getMessage());
      } finally {
        batch.clear();
      }
    }
  }

  private void notifyAll(List<Map.Entry<String, String>> notes) throws SQLException {
    if (notes.isEmpty()) {
      return;
    }
    Set<Map.Entry<String, String>> distinct = new LinkedHashSet<>(notes);
    // Noted before sending: the listener may hear a note before use() returns.
    distinct.forEach(n -> lag.sent(n.getKey(), n.getValue()));
    connection.use(c -> send(c, distinct));
  }

  /**
   * Sends the notifications in one statement of one transaction (one round trip, however many);
   * returns how many.
   */
  private static int send(Connection c, Set<Map.Entry<String, String>> notes) throws SQLException {
    String[] channels = new String[notes.size()];
    String[] payloads = new String[notes.size()];
    int i = 0;
    for (Map.Entry<String, String> n : notes) {
      channels[i] = n.getKey();
      payloads[i++] = n.getValue();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT count(pg_notify(ch, pl)) FROM unnest(?::text[], ?::text[]) AS n(ch, pl)")) {
      ps.setArray(1, c.createArrayOf("text", channels));
      ps.setArray(2, c.createArrayOf("text", payloads));
      ps.executeQuery().close();
    }
    c.commit();
    return notes.size();
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    thread.interrupt();
    connection.close();
  }
}
