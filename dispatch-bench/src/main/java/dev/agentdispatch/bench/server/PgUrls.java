package dev.agentdispatch.bench.server;

import java.net.URI;

/** {@code postgresql://user[:password]@host:port/db} (the server's form) to a JDBC URL. */
public final class PgUrls {
  private PgUrls() {}

  public static String jdbc(String url) {
    URI u = URI.create(url.replaceFirst("^postgres(ql)?://", "postgresql://"));
    StringBuilder jdbc =
        new StringBuilder("jdbc:postgresql://")
            .append(u.getHost())
            .append(':')
            .append(u.getPort() < 0 ? 5432 : u.getPort())
            .append(u.getPath());
    String sep = "?";
    if (u.getUserInfo() != null) {
      String[] parts = u.getUserInfo().split(":", 2);
      jdbc.append(sep).append("user=").append(parts[0]);
      sep = "&";
      if (parts.length == 2) {
        jdbc.append(sep).append("password=").append(parts[1]);
      }
    }
    if (u.getQuery() != null) {
      jdbc.append(sep).append(u.getQuery());
    }
    return jdbc.toString();
  }

  /** The database name of the URL. */
  public static String database(String url) {
    return URI.create(url.replaceFirst("^postgres(ql)?://", "postgresql://"))
        .getPath()
        .replaceFirst("^/", "");
  }
}
