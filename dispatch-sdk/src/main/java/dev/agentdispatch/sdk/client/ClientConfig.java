package dev.agentdispatch.sdk.client;

import static java.util.Objects.requireNonNull;

import dev.agentdispatch.sdk.json.Normalize;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The frozen settings of a {@link DispatchClient}, validated once when built.
 *
 * @param baseUrl the server, e.g. {@code http://127.0.0.1:7070}, without a trailing slash
 * @param namespace the namespace every call addresses
 * @param apiKey the bearer key, when the server requires one
 * @param connectTimeout the bound on opening a connection
 * @param requestTimeout the bound on one request; long polls add their own wait to it
 * @param clock the clock for client-side waiting
 */
public record ClientConfig(
    URI baseUrl,
    String namespace,
    Optional<String> apiKey,
    Duration connectTimeout,
    Duration requestTimeout,
    Clock clock) {

  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

  /** Validates every setting; the messages name the bad value. */
  public ClientConfig {
    requireNonNull(baseUrl, "baseUrl is null");
    checkBaseUrl(baseUrl);
    Normalize.requireText(namespace, "namespace");
    if (!NAMESPACE.matcher(namespace).matches()) {
      throw new IllegalArgumentException(
          "namespace must match " + NAMESPACE.pattern() + ", got '" + namespace + "'");
    }
    apiKey = Normalize.optional(apiKey).filter(key -> !key.isBlank());
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(requestTimeout, "requestTimeout");
    requireNonNull(clock, "clock is null");
  }

  private static void checkBaseUrl(URI url) {
    String scheme = url.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme) || url.getHost() == null) {
      throw new IllegalArgumentException(
          "baseUrl must be an absolute http(s) URL such as http://127.0.0.1:7070, got '"
              + url
              + "'");
    }
    if (url.getRawQuery() != null
        || url.getRawFragment() != null
        || url.getRawPath().endsWith("/")) {
      throw new IllegalArgumentException(
          "baseUrl must have no query, fragment or trailing slash, got '" + url + "'");
    }
  }

  private static void requirePositive(Duration value, String name) {
    requireNonNull(value, name + " is null");
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
