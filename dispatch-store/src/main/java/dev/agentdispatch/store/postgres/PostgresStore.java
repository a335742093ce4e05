package dev.agentdispatch.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.agentdispatch.store.StoreListeners;
import dev.agentdispatch.store.StoreUnavailableException;
import dev.agentdispatch.store.facade.Store;
import dev.agentdispatch.store.sql.Dialect;
import dev.agentdispatch.store.sql.SqlStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The cluster store: any number of nodes share one PostgreSQL database (DESIGN §4). */
public final class PostgresStore {
  private static final Logger log = LoggerFactory.getLogger(PostgresStore.class);

  /** Sized for small machines; PostgreSQL itself is usually the limit long before this pool. */
  private static final int POOL_SIZE = 10;

  public static final Duration DEFAULT_STARTUP_WAIT = Duration.ofSeconds(30);

  private PostgresStore() {}

  public static Store open(String url) {
    return open(PostgresUrl.parse(url), DEFAULT_STARTUP_WAIT);
  }

  /**
   * Connects (retrying for up to {@code startupWait} while the database is unreachable) and
   * migrates.
   */
  public static Store open(PostgresUrl url, Duration startupWait) {
    return open(url, startupWait, new CompositeMeterRegistry());
  }

  /**
   * As {@link #open(PostgresUrl, Duration)}, with the pool's meters (HikariCP's own: usage, wait
   * time, timeouts) and NOTIFY lag registered in {@code meters}.
   */
  public static Store open(PostgresUrl url, Duration startupWait, MeterRegistry meters) {
    PgConnections connections = new PgConnections(url);
    awaitDatabase(url, connections, startupWait);
    migrate(url);
    HikariDataSource pool = pool(url, meters);
    StoreListeners listeners = new StoreListeners();
    NotifyLag lag = new NotifyLag(meters);
    PgListener listener = new PgListener(connections, listeners, lag).start();
    PgLeadership leadership = new PgLeadership(connections, url.schema().orElse("public"));
    PgNotifier notifier = new PgNotifier(connections, lag).start();
    PostgresTransactor db = new PostgresTransactor(pool, listeners, notifier);
    return new SqlStore(
        url.describe(),
        db,
        Dialect.POSTGRES,
        listeners,
        leadership,
        List.of(listener, leadership, notifier));
  }

  private static void awaitDatabase(PostgresUrl url, PgConnections connections, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    long backoff = 200;
    while (true) {
      try {
        connections.open().close();
        return;
      } catch (SQLException e) {
        if ("28000".equals(e.getSQLState())
            || "28P01".equals(e.getSQLState())
            || "3D000".equals(e.getSQLState())) {
          throw new StoreUnavailableException(
              "cannot use " + url.describe() + ": " + e.getMessage(), e);
        }
        if (System.nanoTime() > deadline) {
          throw new StoreUnavailableException(
              "PostgreSQL at "
                  + url.describe()
                  + " is unreachable after "
                  + wait.toSeconds()
                  + " s: "
                  + e.getMessage(),
              e);
        }
        log.warn(
            "PostgreSQL at {} is not reachable yet ({}); retrying", url.describe(), e.getMessage());
        sleep(backoff);
        backoff = Math.min(2_000, backoff * 2);
      }
    }
  }

  private static void migrate(PostgresUrl url) {
    try {
      var config =
          Flyway.configure()
              .dataSource(url.jdbcUrl(), url.user(), url.password().orElse(null))
              .locations("classpath:db/migration/postgresql");
      url.schema().ifPresent(s -> config.schemas(s).createSchemas(true));
      config.load().migrate();
    } catch (FlywayException e) {
      throw new StoreUnavailableException(
          "migrating " + url.describe() + " failed: " + e.getMessage(), e);
    }
  }

  /** Longest a request waits for a connection while all are busy before it is refused (503). */
  static final long POOL_WAIT_MS = 2_000;

  /** Longest the pool's check of an idle connection may take before it is discarded. */
  static final long VALIDATION_MS = 1_000;

  /** Longest a pooled statement may run; every statement of ours is a short one. */
  static final int STATEMENT_TIMEOUT_MS = 30_000;

  /**
   * Longest a transaction may sit between statements; ours run their statements back to back, so
   * only a node that has gone silent reaches it.
   */
  static final int IDLE_IN_TRANSACTION_MS = 10_000;

  /** Longest the driver waits for the database to answer on any connection. */
  static final int SOCKET_TIMEOUT_SECONDS = 60;

  static HikariDataSource pool(PostgresUrl url) {
    return pool(url, new CompositeMeterRegistry());
  }

  static HikariDataSource pool(PostgresUrl url, MeterRegistry meters) {
    HikariConfig config = new HikariConfig();
    config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
    config.setJdbcUrl(url.jdbcUrl());
    config.setUsername(url.user());
    url.password().ifPresent(config::setPassword);
    config.setMaximumPoolSize(POOL_SIZE);
    config.setPoolName("dispatch-pg");
    // Overload is answered quickly: a request waits at most this long for a busy pool, then 503.
    config.setConnectionTimeout(POOL_WAIT_MS);
    // A pooled connection is checked before it is lent; against a database that has gone silent
    // that check must not outlast the pool wait, or the 503 comes late.
    config.setValidationTimeout(VALIDATION_MS);
    // Start even if the database blips right now; requests fail with 503 until it is back.
    config.setInitializationFailTimeout(-1);
    config.addDataSourceProperty("tcpKeepAlive", "true");
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    // A stuck query or a half-open connection must not hold a pool slot forever: the server ends
    // a statement after STATEMENT_TIMEOUT, the driver gives up on a silent socket after
    // SOCKET_TIMEOUT_SECONDS (and the connection is dropped from the pool).
    // A node cut off from the database mid-transaction would hold its row and advisory locks
    // until the operating system noticed; PostgreSQL ends such a transaction after
    // IDLE_IN_TRANSACTION_MS instead, so the other nodes go on.
    config.addDataSourceProperty(
        "options",
        "-c statement_timeout="
            + STATEMENT_TIMEOUT_MS
            + " -c idle_in_transaction_session_timeout="
            + IDLE_IN_TRANSACTION_MS);
    config.addDataSourceProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS));
    return new HikariDataSource(config);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while waiting for PostgreSQL");
    }
  }
}
