package dev.agentdispatch.sdk.client;

import dev.agentdispatch.sdk.DispatchException;
import dev.agentdispatch.sdk.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Sends one JSON request and turns every failure into an SDK exception: HTTP errors become {@link
 * DispatchApiException}, I/O failures {@link DispatchUnreachableException}.
 */
final class HttpTransport {
  private static final String USER_AGENT = "agent-dispatch-java-sdk/0.1";

  private final ClientConfig config;
  private final HttpClient http;

  HttpTransport(ClientConfig config) {
    this.config = config;
    // HTTP/1.1: plain-http h2c upgrades buy nothing on loopback and confuse some proxies.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.connectTimeout())
            .build();
  }

  /** Path under {@code /v1/namespaces/{ns}}, e.g. {@code /invocations}. */
  String namespaced(String path) {
    return "/v1/namespaces/" + UrlParts.segment(config.namespace()) + path;
  }

  JsonNode send(String method, String path, Optional<Object> body, Duration extraWait) {
    String requestLine = method + " " + path;
    return parse(answer(requestLine, method, path, body, extraWait), requestLine);
  }

  /** The same, bound straight from the body's text to {@code type}, without a tree in between. */
  <T> T send(String method, String path, Optional<Object> body, Duration wait, Class<T> type) {
    String requestLine = method + " " + path;
    String text = answer(requestLine, method, path, body, wait);
    if (text == null || text.isBlank()) {
      return Json.wire().treeToValue(Json.wire().missingNode(), type);
    }
    try {
      return Json.wire().readValue(text, type);
    } catch (JacksonException e) {
      throw notJson(requestLine, e);
    }
  }

  /** The body of a successful answer; an HTTP error becomes a {@link DispatchApiException}. */
  private String answer(
      String requestLine, String method, String path, Optional<Object> body, Duration extraWait) {
    HttpRequest request = request(method, path, body, config.requestTimeout().plus(extraWait));
    HttpResponse<String> response = exchange(request, requestLine);
    if (response.statusCode() >= 400) {
      throw ApiErrors.from(
          response.statusCode(),
          response.body(),
          requestLine,
          response.headers().firstValue("Retry-After"),
          config.clock());
    }
    return response.body();
  }

  private HttpRequest request(String method, String path, Optional<Object> body, Duration timeout) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(config.baseUrl() + path))
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("User-Agent", USER_AGENT);
    config.apiKey().ifPresent(key -> builder.header("Authorization", "Bearer " + key));
    // Work created inside a traced handler (or traced code) joins the caller's trace.
    CallerTrace.current().ifPresent(t -> builder.header("traceparent", t));
    if (body.isPresent()) {
      builder.header("Content-Type", "application/json");
      String json = Json.wire().writeValueAsString(body.get());
      return builder.method(method, HttpRequest.BodyPublishers.ofString(json)).build();
    }
    return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
  }

  private HttpResponse<String> exchange(HttpRequest request, String requestLine) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new DispatchUnreachableException(
          config.baseUrl(),
          "Dispatch server at "
              + config.baseUrl()
              + " did not answer "
              + requestLine
              + " within "
              + request.timeout().orElse(config.requestTimeout()).toSeconds()
              + "s",
          e);
    } catch (IOException e) {
      throw new DispatchUnreachableException(
          config.baseUrl(),
          "Dispatch server at "
              + config.baseUrl()
              + " is unreachable ("
              + requestLine
              + "): "
              + describe(e)
              + ". Is it running?",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DispatchException("interrupted while waiting for " + requestLine, e);
    }
  }

  private JsonNode parse(String body, String requestLine) {
    if (body == null || body.isBlank()) {
      return Json.wire().missingNode();
    }
    try {
      return Json.wire().readTree(body);
    } catch (JacksonException e) {
      throw notJson(requestLine, e);
    }
  }

  private DispatchException notJson(String requestLine, JacksonException e) {
    return new DispatchException(
        "Dispatch server at "
            + config.baseUrl()
            + " answered "
            + requestLine
            + " with a body that is not JSON",
        e);
  }

  /** The JDK often leaves the message of a refused connection empty; use the deepest cause. */
  private static String describe(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? error.getMessage() : root.getMessage();
    String type = root.getClass().getSimpleName();
    return message == null ? type : type + ": " + message;
  }
}
