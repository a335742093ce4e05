package dev.agentdispatch.store.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.agentdispatch.store.StoreEvent;
import dev.agentdispatch.store.StoreException;
import dev.agentdispatch.store.StoreListeners;
import dev.agentdispatch.store.sql.ReadWork;
import dev.agentdispatch.store.sql.Transactor;
import dev.agentdispatch.store.sql.Tx;
import dev.agentdispatch.store.sql.TxWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs each unit of work in its own transaction on a pooled connection. Store events become NOTIFYs sent
 * inside the transaction (so other nodes hear them only if it commits) and are published locally after
 * commit. Serialization failures, deadlocks and unique-key races are retried: the work is rolled back and
 * run again from the start, which is what makes "two nodes insert the same idempotency key" end in one
 * invocation and one "deduplicated".
 */
final class PostgresTransactor implements Transactor {
  private static final int MAX_TRIES = 4;
  private static final Set<String> RETRYABLE = Set.of("40001", "40P01", "23505");

  private final HikariDataSource pool;
  private final StoreListeners listeners;

  PostgresTransactor(HikariDataSource pool, StoreListeners listeners) {
    this.pool = pool;
    this.listeners = listeners;
  }

  @Override
  public <T> T write(TxWork<T> work) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = pool.getConnection()) {
        c.setAutoCommit(false);
        try {
          Tx tx = new Tx(c);
          T result = work.run(tx);
          notify(c, tx.events());
          c.commit();
          if (!tx.events().isEmpty()) {
            listeners.publish(tx.events());
          }
          return result;
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          if (!(e instanceof SQLException sql && RETRYABLE.contains(sql.getSQLState()) && attempt < MAX_TRIES)) {
            throw e;
          }
        }
      } catch (SQLException e) {
        throw new StoreException("PostgreSQL write failed: " + e.getMessage(), e);
      }
    }
  }

  private static void notify(Connection c, List<StoreEvent> events) throws SQLException {
    List<Map.Entry<String, String>> notes = PgChannels.notificationsFor(events);
    if (notes.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      for (Map.Entry<String, String> n : notes) {
        ps.setString(1, n.getKey());
        ps.setString(2, n.getValue());
        ps.executeQuery().close();
      }
    }
  }

  @Override
  public <T> T read(ReadWork<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(true);
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException("PostgreSQL read failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
