package dev.agentdispatch.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL database tests run against, from {@code DISPATCH_TEST_PG_URL} (which {@code
 * .ci/run} sets). Without it, PostgreSQL tests are skipped with a message saying how to enable
 * them; in CI ({@code CI=true}) a missing database fails instead, so the suite can never pass by
 * skipping.
 */
public final class PgTestDatabase {
  public static final String ENV = "DISPATCH_TEST_PG_URL";

  private PgTestDatabase() {}

  /** The base URL, or skips (fails in CI) when none is configured. */
  public static String requireUrl() {
    Optional<String> url = Optional.ofNullable(System.getenv(ENV)).filter(u -> !u.isBlank());
    if (url.isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(
          ENV + " is not set in CI: .ci/run must provide a PostgreSQL database");
    }
    Assumptions.assumeTrue(
        url.isPresent(),
        "PostgreSQL tests skipped: set "
            + ENV
            + "=postgresql://postgres@127.0.0.1:5432/DATABASE to run them (.ci/run does this)");
    return url.get();
  }

  /** A URL of a new, empty schema in the test database. */
  public static String freshSchemaUrl() {
    String base = requireUrl();
    String schema =
        "t_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** Drops the schema a {@link #freshSchemaUrl()} made. */
  public static void dropSchema(String url) {
    if (url == null) {
      return; // the test was skipped before it made a schema
    }
    PostgresUrl parsed = PostgresUrl.parse(url);
    parsed
        .schema()
        .ifPresent(schema -> {
          PostgresUrl base =
              new PostgresUrl(
                  parsed.host(),
                  parsed.port(),
                  parsed.database(),
                  parsed.user(),
                  parsed.password(),
                  java.util.Map.of());
          try (Connection c = new PgConnections(base).open();
              Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
          } catch (SQLException e) {
            throw new IllegalStateException("dropping test schema " + schema + " failed", e);
          }
        });
  }
}
