package dev.agentdispatch.server;

import dev.agentdispatch.core.auth.ApiKey;
import dev.agentdispatch.core.auth.KeySecrets;
import dev.agentdispatch.core.auth.Role;
import dev.agentdispatch.core.id.Ids;
import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.sdk.client.DispatchClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real server on a free loopback port over a real SQLite file, plus real clients for tests. */
public final class TestServer implements AutoCloseable {
  public static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final DispatchServer server;

  /** An HTTP answer: status and parsed body. */
  public record Response(int status, JsonNode body) {
    public String text(String field) {
      return body.path(field).asString();
    }
  }

  private TestServer(DispatchServer server) {
    this.server = server;
  }

  public static TestServer start(Path dir) {
    return start(config(dir));
  }

  /** A free loopback port, the SQLite file in {@code dir}, quick sweeps. */
  private static ServerConfig config(Path dir) {
    return ServerConfig.defaults()
        .withPort(0)
        .withDb("sqlite:" + dir.resolve("dispatch.db"))
        .withSweepInterval(Duration.ofMillis(100));
  }

  public static TestServer start(ServerConfig config) {
    return new TestServer(DispatchServer.start(config));
  }

  /** A server on the SQLite file in {@code dir} whose spans go where {@code tracing} sends them. */
  public static TestServer traced(
      Path dir, dev.agentdispatch.server.tracing.ServerTracing tracing) {
    return new TestServer(DispatchServer.start(config(dir), java.time.Clock.systemUTC(), tracing));
  }

  /** A server on the SQLite file in {@code dir} that reads the time from {@code clock}. */
  public static TestServer start(Path dir, java.time.Clock clock) {
    return new TestServer(DispatchServer.start(config(dir), clock));
  }

  /** A server on the SQLite file in {@code dir} whose clock runs {@code ahead} of the real one. */
  public static TestServer startAhead(Path dir, Duration ahead) {
    return new TestServer(
        DispatchServer.start(
            config(dir), java.time.Clock.offset(java.time.Clock.systemUTC(), ahead)));
  }

  public String url() {
    return "http://127.0.0.1:" + server.port();
  }

  public DispatchServer server() {
    return server;
  }

  public DispatchClient client() {
    return DispatchClient.builder().baseUrl(url()).build();
  }

  public Response post(String path, String json) {
    return send("POST", path, json, null);
  }

  public Response put(String path, String json) {
    return send("PUT", path, json, null);
  }

  public Response get(String path) {
    return send("GET", path, null, null);
  }

  /** Sends {@code method path} with an optional body and optional bearer key. */
  public Response send(String method, String path, String json, String apiKey) {
    return send(method, path, json, apiKey, java.util.Map.of());
  }

  /** As {@link #send(String, String, String, String)}, with extra request headers. */
  public Response send(
      String method,
      String path,
      String json,
      String apiKey,
      java.util.Map<String, String> headers) {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(70));
    headers.forEach(req::header);
    req.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    if (apiKey != null) {
      req.header("Authorization", "Bearer " + apiKey);
    }
    try {
      HttpResponse<String> resp = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = resp.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(resp.body());
      return new Response(resp.statusCode(), body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stores a new API key of {@code role} for {@code namespace}; returns its secret. */
  public String newKey(Role role, String namespace) {
    return newKey(role, namespace, Set.of());
  }

  /**
   * Stores a new API key of {@code role} for {@code namespace}, limited to {@code agents} (empty:
   * all); returns its secret.
   */
  public String newKey(Role role, String namespace, Set<String> agents) {
    String secret = KeySecrets.newSecret();
    server
        .store()
        .keys()
        .insert(
            new ApiKey(
                Ids.uuid7(),
                role.wire(),
                KeySecrets.shownPrefix(secret),
                KeySecrets.hash(secret),
                namespace,
                role,
                Instant.now(),
                Optional.empty(),
                Optional.empty(),
                agents));
    return secret;
  }

  /**
   * How many invocations are in the store, over all statuses (to prove a request changed nothing).
   */
  public long invocationCount(String namespace) {
    return Arrays.stream(InvocationStatus.values())
        .mapToLong(s -> server.store().invocations().count(namespace, s))
        .sum();
  }

  @Override
  public void close() {
    server.close();
  }
}
