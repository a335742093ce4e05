package dev.agentdispatch.store.open;

import dev.agentdispatch.store.facade.Store;
import dev.agentdispatch.store.postgres.PostgresStore;
import dev.agentdispatch.store.sqlite.SqliteStore;
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
    if (url.startsWith("sqlite:")) {
      String path = url.substring("sqlite:".length());
      if (path.isBlank()) {
        throw new IllegalArgumentException(
            "--db sqlite: needs a file path, e.g. sqlite:./data/dispatch.db");
      }
      return SqliteStore.open(Path.of(path));
    }
    if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
      return PostgresStore.open(url);
    }
    throw new IllegalArgumentException(
        "--db '"
            + url
            + "' is not understood: use sqlite:PATH (e.g. "
            + DEFAULT_URL
            + ") or postgresql://user@host:5432/database");
  }
}
