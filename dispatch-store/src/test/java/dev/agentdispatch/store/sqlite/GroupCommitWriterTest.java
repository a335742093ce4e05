package dev.agentdispatch.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.store.StoreUnavailableException;
import dev.agentdispatch.store.sql.Tx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitWriterTest {
  private static final int FAILING = 17;

  @TempDir Path dir;

  @Test
  void aUnitThatThrowsACheckedExceptionRollsBackAloneAndTheRestOfAFullBatchCommits()
      throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("batch.db");
    Connection connection = DriverManager.getConnection(url);
    connection.setAutoCommit(false);
    try (Statement st = connection.createStatement()) {
      st.execute("CREATE TABLE rows (n INTEGER PRIMARY KEY)");
    }
    connection.commit();
    CountDownLatch release = new CountDownLatch(1);
    List<Future<Integer>> units = new ArrayList<>();
    try (GroupCommitWriter writer = new GroupCommitWriter(connection, events -> {});
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      try {
        Future<Integer> blocker = holdWriter(writer, callers, release);
        for (int i = 0; i < GroupCommitWriter.MAX_BATCH; i++) {
          int n = i;
          units.add(
              callers.submit(() ->
                  writer.submit(tx -> {
                    insert(tx, n);
                    if (n == FAILING) {
                      throw new SQLException("unit " + n + " failed after writing its row");
                    }
                    return n;
                  })));
        }
        awaitQueued(writer, GroupCommitWriter.MAX_BATCH); // the next batch is exactly these units
        release.countDown();
        assertThat(blocker.get(10, TimeUnit.SECONDS)).isEqualTo(-1);
      } finally {
        release.countDown();
      }
      for (int i = 0; i < units.size(); i++) {
        Future<Integer> unit = units.get(i);
        if (i == FAILING) {
          assertThatThrownBy(() -> unit.get(10, TimeUnit.SECONDS))
              .isInstanceOf(ExecutionException.class)
              .cause()
              .isInstanceOf(StoreUnavailableException.class)
              .cause()
              .isInstanceOf(SQLException.class)
              .hasMessageContaining("unit 17 failed");
        } else {
          assertThat(unit.get(10, TimeUnit.SECONDS)).isEqualTo(i);
        }
      }
    }
    List<Integer> stored = rows(url);
    assertThat(stored).hasSize(GroupCommitWriter.MAX_BATCH).contains(-1).doesNotContain(FAILING);
    assertThat(stored)
        .containsAll(List.of(0, FAILING - 1, FAILING + 1, GroupCommitWriter.MAX_BATCH - 1));
  }

  /**
   * Under a backlog the writer refuses at once, as overload, rather than queueing without bound;
   * every write it took still commits.
   */
  @Test
  void writesBeyondTheQueueBoundAreRefusedAtOnceAndTheQueuedOnesCommit() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("overload.db");
    Connection connection = DriverManager.getConnection(url);
    try (Statement st = connection.createStatement()) {
      st.execute("CREATE TABLE rows (n INTEGER PRIMARY KEY)");
    }
    CountDownLatch release = new CountDownLatch(1);
    int bound = 8;
    try (GroupCommitWriter writer =
            new GroupCommitWriter(connection, events -> {}, GroupCommitMeters.none(), bound);
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Integer>> queued = new ArrayList<>();
      try {
        Future<Integer> blocker = holdWriter(writer, callers, release);
        for (int i = 0; i < bound; i++) {
          int n = i;
          queued.add(callers.submit(() -> writer.submit(tx -> insert(tx, n))));
        }
        awaitQueued(writer, bound);
        assertThatThrownBy(() -> writer.submit(tx -> insert(tx, 99)))
            .isInstanceOfSatisfying(
                StoreUnavailableException.class, e -> assertThat(e.overload()).isTrue())
            .hasMessageContaining("overloaded");
        release.countDown();
        assertThat(blocker.get(10, TimeUnit.SECONDS)).isEqualTo(-1);
      } finally {
        release.countDown();
      }
      for (Future<Integer> unit : queued) {
        unit.get(10, TimeUnit.SECONDS);
      }
      int room = writer.submit(tx -> insert(tx, 100)); // room again
      assertThat(room).isEqualTo(100);
    }
    assertThat(rows(url)).hasSize(bound + 2).doesNotContain(99);
  }

  /**
   * A unit (writing row -1) that holds the writer inside its batch until {@code release}, so every
   * write after it queues up; returned once it holds the writer.
   */
  private static Future<Integer> holdWriter(
      GroupCommitWriter writer, ExecutorService callers, CountDownLatch release)
      throws InterruptedException {
    CountDownLatch busy = new CountDownLatch(1);
    Future<Integer> blocker =
        callers.submit(() ->
            writer.submit(tx -> {
              busy.countDown();
              await(release);
              return insert(tx, -1);
            }));
    assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
    return blocker;
  }

  private static int insert(Tx tx, int n) throws SQLException {
    try (PreparedStatement ps =
        tx.connection().prepareStatement("INSERT INTO rows (n) VALUES (?)")) {
      ps.setInt(1, n);
      ps.executeUpdate();
    }
    return n;
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released the writer");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void awaitQueued(GroupCommitWriter writer, int expected)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (writer.queued() < expected && Instant.now().isBefore(deadline)) {
      Thread.sleep(5);
    }
    assertThat(writer.queued()).isEqualTo(expected);
  }

  private static List<Integer> rows(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT n FROM rows ORDER BY n")) {
      List<Integer> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getInt(1));
      }
      return out;
    }
  }
}
