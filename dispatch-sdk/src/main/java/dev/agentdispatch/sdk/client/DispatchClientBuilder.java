package dev.agentdispatch.sdk.client;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Fluent builder of a {@link DispatchClient}; every setting has a default (see the constants on
 * {@link DispatchClient}), and {@link #build()} validates them all at once.
 */
public final class DispatchClientBuilder {
  private String baseUrl = DispatchClient.DEFAULT_BASE_URL;
  private String namespace = DispatchClient.DEFAULT_NAMESPACE;
  private Optional<String> apiKey = Optional.empty();
  private Duration connectTimeout = DispatchClient.DEFAULT_CONNECT_TIMEOUT;
  private Duration requestTimeout = DispatchClient.DEFAULT_REQUEST_TIMEOUT;
  private Clock clock = Clock.systemUTC();

  DispatchClientBuilder() {}

  /**
   * Sets the server URL; a trailing slash is dropped.
   *
   * @param url e.g. {@code http://127.0.0.1:7070}
   * @return this builder
   */
  public DispatchClientBuilder baseUrl(String url) {
    requireNonNull(url, "baseUrl is null");
    this.baseUrl = url.trim().replaceAll("/+$", "");
    return this;
  }

  /**
   * Sets the namespace every call addresses.
   *
   * @param value the namespace, default {@code default}
   * @return this builder
   */
  public DispatchClientBuilder namespace(String value) {
    this.namespace = requireNonNull(value, "namespace is null");
    return this;
  }

  /**
   * Sets the API key sent as {@code Authorization: Bearer <key>}.
   *
   * @param key the key
   * @return this builder
   */
  public DispatchClientBuilder apiKey(String key) {
    this.apiKey = Optional.of(requireNonNull(key, "apiKey is null"));
    return this;
  }

  /**
   * Sets or clears the API key.
   *
   * @param key the key, or empty for none
   * @return this builder
   */
  public DispatchClientBuilder apiKey(Optional<String> key) {
    this.apiKey = requireNonNull(key, "apiKey is null");
    return this;
  }

  /**
   * Sets the bound on opening a connection.
   *
   * @param timeout positive duration
   * @return this builder
   */
  public DispatchClientBuilder connectTimeout(Duration timeout) {
    this.connectTimeout = timeout;
    return this;
  }

  /**
   * Sets the bound on one request; long polls add their wait on top.
   *
   * @param timeout positive duration
   * @return this builder
   */
  public DispatchClientBuilder requestTimeout(Duration timeout) {
    this.requestTimeout = timeout;
    return this;
  }

  /**
   * Sets the clock used for client-side waiting (tests use a fixed one).
   *
   * @param value the clock
   * @return this builder
   */
  public DispatchClientBuilder clock(Clock value) {
    this.clock = value;
    return this;
  }

  /**
   * Validates the settings and builds the client.
   *
   * @return a thread-safe client
   * @throws IllegalArgumentException when a setting is invalid
   */
  public DispatchClient build() {
    return new DispatchClient(
        new ClientConfig(parse(baseUrl), namespace, apiKey, connectTimeout, requestTimeout, clock));
  }

  private static URI parse(String url) {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "baseUrl must be an absolute http(s) URL such as http://127.0.0.1:7070, got '"
              + url
              + "'",
          e);
    }
  }
}
