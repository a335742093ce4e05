package dev.agentdispatch.store.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A {@code postgresql://user[:password]@host[:port]/database[?param=value&...]} URL, as people
 * write it, turned into what JDBC wants. {@code currentSchema} selects a schema (created on start
 * if missing).
 */
public record PostgresUrl(
    String host,
    int port,
    String database,
    String user,
    Optional<String> password,
    Map<String, String> params) {
  public static final int DEFAULT_PORT = 5432;

  public PostgresUrl {
    Objects.requireNonNull(host, "host is null");
    Objects.requireNonNull(database, "database is null");
    Objects.requireNonNull(user, "user is null");
    Objects.requireNonNull(password, "password is null");
    params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /**
   * @throws IllegalArgumentException naming what is wrong with the URL
   */
  public static PostgresUrl parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "--db '" + redact(url) + "' is not a valid URL: " + e.getReason());
    }
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw new IllegalArgumentException(
          "--db '" + redact(url) + "' must start with postgresql://");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(
          "--db '" + redact(url) + "' names no host: use postgresql://user@host:5432/database");
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    if (path.isEmpty() || path.contains("/")) {
      throw new IllegalArgumentException(
          "--db '" + redact(url) + "' names no database: use postgresql://user@host:5432/database");
    }
    String userInfo = Optional.ofNullable(uri.getRawUserInfo()).orElse("postgres");
    String user =
        decode(userInfo.contains(":") ? userInfo.substring(0, userInfo.indexOf(':')) : userInfo);
    Optional<String> password =
        userInfo.contains(":")
            ? Optional.of(decode(userInfo.substring(userInfo.indexOf(':') + 1)))
            : Optional.empty();
    Map<String, String> params = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("--db parameter '" + pair + "' is not name=value");
        }
        params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
    }
    return new PostgresUrl(
        uri.getHost(),
        uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(),
        path,
        user,
        password,
        params);
  }

  public String jdbcUrl() {
    String query =
        params.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("&"));
    return "jdbc:postgresql://"
        + host
        + ":"
        + port
        + "/"
        + database
        + (query.isEmpty() ? "" : "?" + query);
  }

  public Optional<String> schema() {
    return Optional.ofNullable(params.get("currentSchema"));
  }

  /** The URL without its password, for logs and messages. */
  public String describe() {
    return "postgresql://"
        + user
        + "@"
        + host
        + ":"
        + port
        + "/"
        + database
        + schema().map(s -> "?currentSchema=" + s).orElse("");
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String redact(String url) {
    return url.replaceAll("://([^:/@]+):[^@]*@", "://$1:***@");
  }
}
