package dev.agentdispatch.store.open;

import dev.agentdispatch.store.facade.Store;
import dev.agentdispatch.store.postgres.PostgresStore;
import dev.agentdispatch.store.postgres.PostgresUrl;
import dev.agentdispatch.store.sqlite.SqliteStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.nio.file.Path;

/** Opens a store from a {@code --db} URL. */
public final class Stores {
  public static final String DEFAULT_URL = "sqlite:./data/dispatch.db";

  private Stores() {}

  /**
   * Opens {@code sqlite:PATH} (a file, created if missing) or {@code
   * postgresql://user@host:port/db}.
   *
   * @throws IllegalArgumentException when the URL is not understood
   */
  public static Store open(String url) {
    // A composite without registries records nothing.
    return open(url, new CompositeMeterRegistry());
  }

  /**
   * As {@link #open(String)}, with the store's own meters (SQLite group commits, the PostgreSQL
   * pool, NOTIFY lag) registered in {@code meters}.
   */
  public static Store open(String url, MeterRegistry meters) {
    if (url.startsWith("sqlite:")) {
      String path = url.substring("sqlite:".length());
      if (path.isBlank()) {
        throw new IllegalArgumentException(
            "--db sqlite: needs a file path, e.g. sqlite:./data/dispatch.db");
      }
      return SqliteStore.open(Path.of(path), meters);
    }
    if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
      return PostgresStore.open(PostgresUrl.parse(url), PostgresStore.DEFAULT_STARTUP_WAIT, meters);
    }
    throw new IllegalArgumentException(
        "--db '"
            + url
            + "' is not understood: use sqlite:PATH (e.g. "
            + DEFAULT_URL
            + ") or postgresql://user@host:5432/database");
  }
}
