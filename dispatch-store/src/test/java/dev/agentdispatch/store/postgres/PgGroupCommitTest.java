package dev.agentdispatch.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.agentdispatch.store.StoreEvent;
import dev.agentdispatch.store.StoreException;
import dev.agentdispatch.store.StoreListeners;
import dev.agentdispatch.store.sql.TxWork;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit on a real PostgreSQL: concurrent writes share transactions, and a write that fails
 * inside a shared transaction fails alone while the others of its batch still commit.
 */
class PgGroupCommitTest {
  private String url;
  private HikariDataSource pool;
  private final AtomicInteger batches = new AtomicInteger();
  private final AtomicInteger alone = new AtomicInteger();
  private final List<StoreEvent> published = new CopyOnWriteArrayList<>();
  private PostgresTransactor direct;
  private PgGroupCommit group;

  @BeforeEach
  void open() throws SQLException {
    url = PgTestDatabase.freshSchemaUrl();
    pool = PostgresStore.pool(PostgresUrl.parse(url));
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE SCHEMA IF NOT EXISTS \"" + PostgresUrl.parse(url).schema().orElseThrow() + "\"");
      s.execute("CREATE TABLE items (id int PRIMARY KEY)");
    }
    StoreListeners listeners = new StoreListeners();
    listeners.add(published::add);
    direct =
        new PostgresTransactor(
            pool,
            listeners,
            new PgNotifier(
                new PgConnections(PostgresUrl.parse(url)),
                new NotifyLag(new SimpleMeterRegistry())),
            1);
    // One transaction at a time: every write that arrives meanwhile waits to join the next.
    group =
        new PgGroupCommit(
            1,
            () -> {
              batches.incrementAndGet();
              return pool.getConnection();
            },
            new PgGroupCommit.Alone() {
              @Override
              public <T> T run(TxWork<T> work) {
                alone.incrementAndGet();
                return direct.writeAlone(work);
              }
            },
            published::addAll);
  }

  @AfterEach
  void close() {
    group.close();
    pool.close();
    PgTestDatabase.dropSchema(url);
  }

  @Test
  void concurrentWritesShareCommitsAndAllLand() throws Exception {
    int n = 200;
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Integer>> done =
          submitAtOnce(
              threads,
              n,
              id ->
                  tx -> {
                    insert(tx.connection(), id);
                    tx.publish(new StoreEvent.InvocationChanged("ns", "inv-" + id, true));
                    return id;
                  });
      for (int i = 0; i < n; i++) {
        assertThat(done.get(i).get()).isEqualTo(i);
      }
    }
    assertThat(ids()).hasSize(n);
    assertThat(published).hasSize(n);
    // Grouped: far fewer transactions than writes.
    assertThat(batches.get() + alone.get()).isLessThan(n);
  }

  @Test
  void aFailingWriteFailsAloneAndTheRestOfItsBatchCommits() throws Exception {
    int n = 100;
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Integer>> done =
          submitAtOnce(
              threads,
              n,
              id ->
                  tx -> {
                    insert(tx.connection(), id);
                    if (id % 10 == 3) {
                      // A rule refused after a row was written: that row must not stay.
                      throw new IllegalStateException("refused " + id);
                    }
                    if (id % 10 == 7) {
                      insert(tx.connection(), id); // a duplicate key: a database error
                    }
                    return id;
                  });
      Set<Integer> expected = new HashSet<>();
      for (int i = 0; i < n; i++) {
        Future<Integer> f = done.get(i);
        if (i % 10 == 3) {
          assertThatThrownBy(f::get).hasCauseInstanceOf(IllegalStateException.class);
        } else if (i % 10 == 7) {
          assertThatThrownBy(f::get).hasCauseInstanceOf(StoreException.class);
        } else {
          assertThat(f.get()).isEqualTo(i);
          expected.add(i);
        }
      }
      assertThat(ids()).isEqualTo(expected);
      assertThat(batches.get()).as("some writes shared a transaction").isPositive();
    }
  }

  /** Submits {@code n} writes from as many threads, released together. */
  private List<Future<Integer>> submitAtOnce(
      ExecutorService threads, int n, IntFunction<TxWork<Integer>> work) {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> done = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      TxWork<Integer> w = work.apply(i);
      done.add(
          threads.submit(() -> {
            start.await();
            return group.submit(w);
          }));
    }
    start.countDown();
    return done;
  }

  private static void insert(Connection c, int id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO items (id) VALUES (?)")) {
      ps.setInt(1, id);
      ps.executeUpdate();
    }
  }

  private Set<Integer> ids() throws SQLException {
    Set<Integer> out = new HashSet<>();
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM items")) {
      while (rs.next()) {
        out.add(rs.getInt(1));
      }
    }
    return out;
  }
}
