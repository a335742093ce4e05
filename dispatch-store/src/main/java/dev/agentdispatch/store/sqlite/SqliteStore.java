package dev.agentdispatch.store.sqlite;

import dev.agentdispatch.store.Leadership;
import dev.agentdispatch.store.StoreListeners;
import dev.agentdispatch.store.StoreUnavailableException;
import dev.agentdispatch.store.facade.Store;
import dev.agentdispatch.store.sql.Dialect;
import dev.agentdispatch.store.sql.SqlStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;

/**
 * The embedded store: one SQLite file in WAL mode with {@code synchronous=FULL}, so an acknowledged
 * write survives a crash or power loss; throughput comes from group commit.
 */
public final class SqliteStore {
  private static final int READERS = 4;
  private static final int BUSY_TIMEOUT_MS = 10_000;

  /**
   * The writer's page cache, in KiB (SQLite's default is 2 MiB). Every insert touches a page of
   * each of the invocations table's indexes; with the default cache a fan-out of 1,000 (or a busy
   * queue's stream of enqueues) keeps evicting and re-reading those pages. Memory outside the heap,
   * used only as the database grows; durability is unchanged.
   */
  static final int WRITER_CACHE_KIB = 64 * 1024;

  private SqliteStore() {}

  /** Opens (creating if needed) the database file and brings its schema up to date. */
  public static Store open(Path file) {
    return open(file, new CompositeMeterRegistry());
  }

  /**
   * As {@link #open(Path)}, with the group commit's meters (batch size, commit time, writes
   * waiting) registered in {@code meters}.
   */
  public static Store open(Path file, MeterRegistry meters) {
    Path path = file.toAbsolutePath();
    try {
      Path parent = path.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      String url = "jdbc:sqlite:" + path;
      migrate(url);
      Connection writer = connect(url, false);
      StoreListeners listeners = new StoreListeners();
      SqliteTransactor db =
          new SqliteTransactor(
              writer,
              new ReaderPool(READERS, () -> connect(url, true)),
              listeners::publish,
              new GroupCommitMeters(meters));
      return new SqlStore(
          "sqlite:" + path, db, Dialect.SQLITE, listeners, Leadership.ALWAYS, List.of());
    } catch (SQLException | IOException e) {
      throw new StoreUnavailableException(
          "cannot open SQLite database " + path + ": " + e.getMessage(), e);
    }
  }

  private static void migrate(String url) {
    Flyway.configure()
        .dataSource(url, null, null)
        .locations("classpath:db/migration/sqlite")
        .load()
        .migrate();
  }

  private static Connection connect(String url, boolean readOnly) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    // Both kinds run in auto-commit and open their transactions explicitly: the writer one BEGIN
    // IMMEDIATE per batch (GroupCommitWriter), a reader one BEGIN DEFERRED per read (ReaderPool).
    // So no connection holds a lock, or a snapshot, while it is idle.
    config.setReadOnly(readOnly);
    if (!readOnly) {
      config.setCacheSize(-WRITER_CACHE_KIB); // negative: KiB rather than pages
    }
    return StatementCache.wrap(DriverManager.getConnection(url, config.toProperties()));
  }
}
