package dev.agentdispatch.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CLI's HTTP client. It deals in raw JSON trees rather than the SDK's typed views because the
 * CLI prints whatever the server says (including {@code --json}), field for field.
 */
final class ApiClient {
  static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final String namespace;
  private final Optional<String> apiKey;

  ApiClient(String baseUrl, String namespace, Optional<String> apiKey) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.namespace = namespace;
    this.apiKey = apiKey;
  }

  JsonNode get(String path, Map<String, String> query) {
    String qs =
        query.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        "GET", path + (qs.isEmpty() ? "" : "?" + qs), Optional.empty(), Duration.ofSeconds(90));
  }

  JsonNode post(String path, Object body) {
    return send("POST", path, Optional.of(JSON.writeValueAsString(body)), Duration.ofSeconds(30));
  }

  JsonNode put(String path, Object body) {
    return send("PUT", path, Optional.of(JSON.writeValueAsString(body)), Duration.ofSeconds(30));
  }

  JsonNode patch(String path, Object body) {
    return send("PATCH", path, Optional.of(JSON.writeValueAsString(body)), Duration.ofSeconds(30));
  }

  JsonNode delete(String path) {
    return send("DELETE", path, Optional.empty(), Duration.ofSeconds(30));
  }

  private JsonNode send(String method, String path, Optional<String> body, Duration timeout) {
    URI uri = URI.create(baseUrl + "/v1/namespaces/" + namespace + path);
    HttpRequest.Builder req =
        HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
    apiKey.ifPresent(k -> req.header("Authorization", "Bearer " + k));
    req.method(
        method,
        body.map(b -> HttpRequest.BodyPublishers.ofString(b))
            .orElse(HttpRequest.BodyPublishers.noBody()));
    body.ifPresent(b -> req.header("Content-Type", "application/json"));
    HttpResponse<String> resp;
    try {
      resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new CliException(
          "cannot reach the Agent Dispatch server at "
              + baseUrl
              + ": is it running? Start one with './dispatch server', or point --server / DISPATCH_URL at it.");
    } catch (IOException e) {
      throw new CliException("request to " + uri + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
    JsonNode json = resp.body().isEmpty() ? JSON.createObjectNode() : parse(resp.body());
    if (resp.statusCode() >= 400) {
      JsonNode error = json.path("error");
      String message = error.path("message").asString(resp.body());
      String details = error.has("details") ? "\n" + renderDetails(error.get("details")) : "";
      throw new CliException(
          "server refused ("
              + resp.statusCode()
              + " "
              + error.path("code").asString("error")
              + "): "
              + message
              + details);
    }
    return json;
  }

  private static String renderDetails(JsonNode details) {
    if (details.isArray()) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode d : details) {
        sb.append("  - ")
            .append(d.has("path") ? d.get("path").asString() + ": " : "")
            .append(d.path("message").asString(d.toString()))
            .append('\n');
      }
      return sb.toString().stripTrailing();
    }
    return "  " + details;
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (RuntimeException e) {
      throw new CliException("the server answered with something that is not JSON: " + body);
    }
  }
}
