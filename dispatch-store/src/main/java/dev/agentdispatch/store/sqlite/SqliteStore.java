package dev.agentdispatch.store.sqlite;

import dev.agentdispatch.core.invocation.InvocationStateMachine;
import dev.agentdispatch.store.Store;
import dev.agentdispatch.store.StoreEvent;
import dev.agentdispatch.store.StoreException;
import dev.agentdispatch.store.StoreListener;
import dev.agentdispatch.store.agent.AgentStore;
import dev.agentdispatch.store.invocation.InvocationStore;
import dev.agentdispatch.store.key.KeyStore;
import dev.agentdispatch.store.sql.Dialect;
import dev.agentdispatch.store.sql.SqlAgentStore;
import dev.agentdispatch.store.sql.SqlInvocationStore;
import dev.agentdispatch.store.sql.SqlKeyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;

/**
 * The embedded store: one SQLite file in WAL mode with {@code synchronous=FULL}, so an acknowledged write
 * survives a crash or power loss; throughput comes from group commit.
 */
public final class SqliteStore implements Store {
  private static final int READERS = 4;
  private static final int BUSY_TIMEOUT_MS = 10_000;

  private final Path file;
  private final SqliteTransactor db;
  private final List<StoreListener> listeners = new CopyOnWriteArrayList<>();
  private final SqlAgentStore agents;
  private final SqlInvocationStore invocations;
  private final SqlKeyStore keys;

  private SqliteStore(Path file) throws SQLException {
    this.file = file;
    String url = "jdbc:sqlite:" + file;
    migrate(url);
    Connection writer = open(url, false);
    writer.setAutoCommit(false);
    this.db = new SqliteTransactor(writer, new ReaderPool(READERS, () -> open(url, true)), this::publish);
    this.agents = new SqlAgentStore(db);
    this.invocations =
        new SqlInvocationStore(db, Dialect.SQLITE, new InvocationStateMachine(() -> ThreadLocalRandom.current().nextDouble()));
    this.keys = new SqlKeyStore(db);
  }

  /** Opens (creating if needed) the database file and brings its schema up to date. */
  public static SqliteStore open(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return new SqliteStore(file.toAbsolutePath());
    } catch (SQLException | java.io.IOException e) {
      throw new StoreException("cannot open SQLite database " + file.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  private static void migrate(String url) {
    Flyway.configure()
        .dataSource(url, null, null)
        .locations("classpath:db/migration/sqlite")
        .load()
        .migrate();
  }

  private static Connection open(String url, boolean readOnly) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    // The writer takes the write lock at BEGIN, so another process (the CLI's key commands) waits on
    // busy_timeout instead of failing a lock upgrade. Readers stay DEFERRED: a read must never lock.
    config.setTransactionMode(readOnly ? SQLiteConfig.TransactionMode.DEFERRED : SQLiteConfig.TransactionMode.IMMEDIATE);
    config.setReadOnly(readOnly);
    Properties props = config.toProperties();
    return DriverManager.getConnection(url, props);
  }

  private void publish(List<StoreEvent> events) {
    for (StoreListener l : listeners) {
      for (StoreEvent e : events) {
        l.onEvent(e);
      }
    }
  }

  @Override
  public AgentStore agents() {
    return agents;
  }

  @Override
  public InvocationStore invocations() {
    return invocations;
  }

  @Override
  public KeyStore keys() {
    return keys;
  }

  @Override
  public void addListener(StoreListener listener) {
    listeners.add(listener);
  }

  @Override
  public String describe() {
    return "sqlite:" + file;
  }

  @Override
  public void close() {
    db.close();
  }
}
