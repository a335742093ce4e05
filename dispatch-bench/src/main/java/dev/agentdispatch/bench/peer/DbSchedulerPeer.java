package dev.agentdispatch.bench.peer;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.agentdispatch.bench.BenchConfig;
import dev.agentdispatch.bench.BenchException;
import dev.agentdispatch.bench.ComparisonPeer;
import dev.agentdispatch.bench.Progress;
import dev.agentdispatch.bench.load.Percentiles;
import dev.agentdispatch.bench.load.Samples;
import dev.agentdispatch.bench.report.RunResult;
import dev.agentdispatch.bench.server.PgUrls;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * db-scheduler (lock-and-fetch polling, immediate execution on) on its own PostgreSQL database: N
 * no-op one-time executions, scheduled for "now", with {@code --workers × 8} executor threads. The
 * execution's data carries its scheduling time, so pickup latency is measured like Agent Dispatch's
 * dispatch latency. Its durability is comparable: every schedule and every completion is a
 * committed PostgreSQL write.
 */
public final class DbSchedulerPeer implements ComparisonPeer {
  private static final String DDL =
      """
      CREATE TABLE IF NOT EXISTS scheduled_tasks (
        task_name text NOT NULL, task_instance text NOT NULL, task_data bytea,
        execution_time timestamp with time zone NOT NULL, picked BOOLEAN NOT NULL, picked_by text,
        last_success timestamp with time zone, last_failure timestamp with time zone, consecutive_failures INT,
        last_heartbeat timestamp with time zone, version BIGINT NOT NULL, priority SMALLINT,
        PRIMARY KEY (task_name, task_instance));
      CREATE INDEX IF NOT EXISTS execution_time_idx ON scheduled_tasks (execution_time);
      CREATE INDEX IF NOT EXISTS last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
      CREATE INDEX IF NOT EXISTS priority_execution_time_idx ON scheduled_tasks (priority desc, execution_time asc);
      """;

  @Override
  public String name() {
    return "db-scheduler 16 (lock-and-fetch)";
  }

  @Override
  public RunResult throughput(BenchConfig c, Progress progress, String label)
      throws InterruptedException {
    return run(c, progress, label, c.count(), false);
  }

  @Override
  public RunResult latency(BenchConfig c, Progress progress, String label)
      throws InterruptedException {
    return run(c, progress, label, c.fixedRateCount(), true);
  }

  @SuppressWarnings("try") // the progress bar is held open while the phase runs, never referenced
  private RunResult run(
      BenchConfig c, Progress progress, String label, long count, boolean fixedRate)
      throws InterruptedException {
    prepareDatabase(c.peerDb());
    int threads = c.workers() * 8;
    AtomicLong done = new AtomicLong();
    AtomicLong lastDone = new AtomicLong();
    Samples pickup = new Samples();
    OneTimeTask<Long> task =
        Tasks.oneTime("bench-noop", Long.class)
            .execute((inst, ctx) -> {
              long now = System.nanoTime();
              synchronized (pickup) {
                pickup.add(now - inst.getData());
              }
              lastDone.set(now);
              done.incrementAndGet();
            });
    try (HikariDataSource ds = dataSource(c.peerDb(), threads + c.concurrency() + 4)) {
      Scheduler scheduler =
          Scheduler.create(ds, task)
              .threads(threads)
              .pollUsingLockAndFetch(0.5, 1.0)
              .pollingInterval(Duration.ofMillis(100))
              .enableImmediateExecution()
              .build();
      scheduler.start();
      long start = System.nanoTime();
      long deadline = start + c.maxRunTime().toNanos();
      try (var bar = progress.start(label, count, done::get)) {
        LongConsumer scheduleOne =
            i ->
                scheduler.schedule(
                    task.instance("i" + i + "-" + start, System.nanoTime()), Instant.now());
        if (fixedRate) {
          paced(scheduleOne, count, c.rate(), deadline);
        } else {
          closedLoop(scheduleOne, count, c.concurrency(), deadline);
        }
        while (done.get() < count && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
      } finally {
        scheduler.stop();
      }
      double seconds = (lastDone.get() - start) / 1e9;
      RunResult.Builder b =
          new RunResult.Builder()
              .put("throughput_per_s", done.get() / seconds)
              .put("completed_count", done.get());
      Percentiles p;
      synchronized (pickup) {
        p = Percentiles.of(List.of(pickup));
      }
      b.put("pickup_p50_ms", p.p50())
          .put("pickup_p90_ms", p.p90())
          .put("pickup_p99_ms", p.p99())
          .put("pickup_max_ms", p.max());
      if (done.get() < count) {
        b.note("db-scheduler run hit --max-seconds: " + done.get() + " of " + count + " executed");
      }
      return b.build();
    }
  }

  private static void closedLoop(
      LongConsumer scheduleOne, long count, int concurrency, long deadline)
      throws InterruptedException {
    AtomicLong next = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      threads.add(
          Thread.ofVirtual()
              .start(() -> {
                long n;
                while ((n = next.getAndIncrement()) < count && System.nanoTime() < deadline) {
                  scheduleOne.accept(n);
                }
              }));
    }
    for (Thread t : threads) {
      t.join();
    }
  }

  private static void paced(LongConsumer scheduleOne, long count, int rate, long deadline)
      throws InterruptedException {
    long period = 1_000_000_000L / rate;
    long start = System.nanoTime();
    try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
      for (long i = 0; i < count && System.nanoTime() < deadline; i++) {
        long due = start + i * period;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        long n = i;
        calls.execute(() -> scheduleOne.accept(n));
      }
      calls.shutdown();
      calls.awaitTermination(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
  }

  /** Creates the database if missing, db-scheduler's documented table, and empties it. */
  private static void prepareDatabase(String url) {
    String db = PgUrls.database(url);
    String admin = PgUrls.jdbc(url.replaceFirst("/" + db + "(\\?.*)?$", "/postgres"));
    try (Connection c = DriverManager.getConnection(admin);
        Statement st = c.createStatement()) {
      var rs =
          st.executeQuery(
              "SELECT 1 FROM pg_database WHERE datname = '" + db.replace("'", "''") + "'");
      if (!rs.next()) {
        st.execute("CREATE DATABASE \"" + db.replace("\"", "") + "\"");
      }
    } catch (SQLException e) {
      throw new BenchException(
          "cannot reach PostgreSQL for db-scheduler at " + url + ": " + e.getMessage(), e);
    }
    try (Connection c = DriverManager.getConnection(PgUrls.jdbc(url));
        Statement st = c.createStatement()) {
      st.execute(DDL);
      st.execute("TRUNCATE scheduled_tasks");
    } catch (SQLException e) {
      throw new BenchException("cannot prepare db-scheduler's table: " + e.getMessage(), e);
    }
  }

  private static HikariDataSource dataSource(String url, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(PgUrls.jdbc(url));
    config.setMaximumPoolSize(size);
    config.setPoolName("db-scheduler-bench");
    return new HikariDataSource(config);
  }
}
