package dev.agentdispatch.store.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.agentdispatch.store.LostRaceException;
import dev.agentdispatch.store.StoreListeners;
import dev.agentdispatch.store.StoreUnavailableException;
import dev.agentdispatch.store.sql.Dialect;
import dev.agentdispatch.store.sql.ReadWork;
import dev.agentdispatch.store.sql.Transactor;
import dev.agentdispatch.store.sql.Tx;
import dev.agentdispatch.store.sql.TxWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Runs each unit of work in its own transaction on a pooled connection. After commit, store events
 * are published locally and handed to the {@link PgNotifier}, which tells the other nodes.
 * Serialization failures, deadlocks and unique-key races are retried: the work is rolled back and
 * run again from the start, which is what makes "two nodes insert the same idempotency key" end in
 * one invocation and one "deduplicated". Losing every try is a {@link LostRaceException}; any other
 * database failure is a {@link dev.agentdispatch.store.StoreUnavailableException}.
 */
final class PostgresTransactor implements Transactor {
  private static final int MAX_TRIES = 4;
  private static final Set<String> RETRYABLE = Set.of("40001", "40P01", "23505");

  private final HikariDataSource pool;
  private final StoreListeners listeners;
  private final PgNotifier notifier;

  PostgresTransactor(HikariDataSource pool, StoreListeners listeners, PgNotifier notifier) {
    this.pool = pool;
    this.listeners = listeners;
    this.notifier = notifier;
  }

  @Override
  public <T> T write(TxWork<T> work) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = pool.getConnection()) {
        c.setAutoCommit(false);
        try {
          Tx tx = new Tx(c, Dialect.POSTGRES);
          T result = work.run(tx);
          c.commit();
          if (!tx.events().isEmpty()) {
            listeners.publish(tx.events());
            notifier.send(tx.events());
          }
          return result;
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          if (!(e instanceof SQLException sql && RETRYABLE.contains(sql.getSQLState()))) {
            throw e;
          }
          if (attempt == MAX_TRIES) {
            throw new LostRaceException(
                "PostgreSQL write lost to concurrent writers "
                    + MAX_TRIES
                    + " times ("
                    + sql.getSQLState()
                    + "): "
                    + sql.getMessage(),
                sql);
          }
        }
      } catch (SQLException e) {
        throw unavailable(pool, "write", e);
      }
    }
  }

  @Override
  public <T> T read(ReadWork<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(true);
      return work.run(c);
    } catch (SQLException e) {
      throw unavailable(pool, "read", e);
    }
  }

  /**
   * No connection came free in the pool's wait while every connection was busy: the node has more
   * work in flight than the database takes, which is overload, not a failure of the database.
   */
  static StoreUnavailableException unavailable(HikariDataSource pool, String what, SQLException e) {
    var state = pool.getHikariPoolMXBean();
    if (e instanceof SQLTransientConnectionException
        && state != null
        && state.getActiveConnections() >= pool.getMaximumPoolSize()) {
      return StoreUnavailableException.overloaded(
          "the server is overloaded: all "
              + pool.getMaximumPoolSize()
              + " PostgreSQL connections stayed busy for "
              + pool.getConnectionTimeout()
              + " ms");
    }
    return new StoreUnavailableException("PostgreSQL " + what + " failed: " + e.getMessage(), e);
  }

  @Override
  public void close() {
    pool.close();
  }
}
