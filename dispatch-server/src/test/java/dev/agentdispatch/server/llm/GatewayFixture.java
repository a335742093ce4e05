package dev.agentdispatch.server.llm;

import dev.agentdispatch.core.llm.LlmFormat;
import dev.agentdispatch.core.llm.LlmProvider;
import dev.agentdispatch.llm.standin.StandInProvider;
import dev.agentdispatch.server.DispatchServer;
import dev.agentdispatch.server.ServerConfig;
import dev.agentdispatch.server.app.llm.gateway.GatewaySettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A server whose gateway forwards to two stand-in providers, {@code a} (tried first) and {@code b},
 * each serving both formats, with short timeouts and a quick circuit breaker.
 */
final class GatewayFixture implements AutoCloseable {
  static final String KEY_ENV = "DISPATCH_TEST_LLM_KEY";
  static final Duration FIRST_BYTE = Duration.ofSeconds(1);
  static final Duration BREAKER_OPEN = Duration.ofSeconds(1);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final StandInProvider a = StandInProvider.start();
  final StandInProvider b = StandInProvider.start();
  final RecordingLedger ledger = new RecordingLedger();
  final DispatchServer server;

  GatewayFixture(Path dir) {
    this("sqlite:" + dir.resolve("dispatch.db"));
  }

  /** The same on the store at {@code dbUrl}. */
  GatewayFixture(String dbUrl) {
    List<LlmProvider> providers =
        List.of(
            provider("openai-a", LlmFormat.OPENAI, a, 0),
            provider("openai-b", LlmFormat.OPENAI, b, 1),
            provider("anthropic-a", LlmFormat.ANTHROPIC, a, 0),
            provider("anthropic-b", LlmFormat.ANTHROPIC, b, 1));
    GatewaySettings settings =
        GatewaySettings.defaults()
            .withTimeouts(FIRST_BYTE, Duration.ofSeconds(8))
            .withRetries(2, Duration.ofMillis(20), Duration.ofSeconds(3))
            .withBreaker(new GatewaySettings.Breaker(2, 100, BREAKER_OPEN));
    ServerConfig config = ServerConfig.defaults().withPort(0).withDb(dbUrl).withLlm(settings);
    server =
        DispatchServer.start(
            config,
            Clock.systemUTC(),
            new DispatchServer.LlmParts(router -> router, ledger::wrapping));
    providers.forEach(this::configure);
  }

  /** Configures {@code p} through the admin API, as an operator would. */
  private void configure(LlmProvider p) {
    String body =
        "{\"format\":\""
            + p.format().wire()
            + "\",\"base_url\":\""
            + p.baseUrl()
            + "\",\"api_key_env\":\""
            + KEY_ENV
            + "\",\"default_model\":\"standin-small\",\"priority\":"
            + p.priority()
            + "}";
    HttpResponse<String> put =
        send(
            "PUT",
            "http://127.0.0.1:"
                + server.port()
                + "/v1/namespaces/default/llm/providers/"
                + p.name(),
            body);
    if (put.statusCode() != 200) {
      throw new IllegalStateException("provider " + p.name() + " refused: " + put.body());
    }
  }

  /** A request with a JSON body to the server. */
  HttpResponse<String> send(String method, String url, String body) {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static LlmProvider provider(String name, LlmFormat f, StandInProvider p, int priority) {
    return new LlmProvider(
        name,
        f,
        p.baseUrl(),
        Optional.of(KEY_ENV),
        List.of(),
        Optional.of("standin-small"),
        priority);
  }

  /** The provider key the server reads from its environment. */
  static String providerKey() {
    return System.getenv(KEY_ENV);
  }

  String openAiBase() {
    return "http://127.0.0.1:" + server.port() + "/v1/namespaces/default/llm/openai/v1";
  }

  String anthropicBase() {
    return "http://127.0.0.1:" + server.port() + "/v1/namespaces/default/llm/anthropic/v1/";
  }

  /** A raw POST to the gateway: status, headers and body text. */
  HttpResponse<String> post(String url, String body, Map<String, String> headers) {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(req::header);
    try {
      return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> chat(String body) {
    return post(
        openAiBase() + "/chat/completions", body, Map.of("Content-Type", "application/json"));
  }

  @Override
  public void close() {
    server.close();
    a.close();
    b.close();
  }
}
