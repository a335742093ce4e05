package dev.agentdispatch.sdk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.agentdispatch.sdk.model.CompletionAck;
import dev.agentdispatch.sdk.model.CompletionResult;
import dev.agentdispatch.sdk.model.FlowState;
import dev.agentdispatch.sdk.model.FunctionFlow;
import dev.agentdispatch.sdk.model.RejectedLease;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's mapping of HTTP failures, against a tiny JDK HTTP server on a loopback port that
 * answers every request with one canned response. It stands in for "some server", not for the
 * Dispatch server's behaviour.
 */
class HttpErrorMappingTest {
  private HttpServer server;
  private final AtomicReference<Canned> next = new AtomicReference<>();
  private final AtomicReference<String> lastAuthorization = new AtomicReference<>();
  private final AtomicReference<String> lastPath = new AtomicReference<>();

  record Canned(int status, String body, Map<String, String> headers) {
    Canned(int status, String body) {
      this(status, body, Map.of());
    }
  }

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    lastAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
    lastPath.set(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
    exchange.getRequestBody().readAllBytes();
    Canned canned = next.get();
    byte[] body = canned.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    canned.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.sendResponseHeaders(canned.status(), body.length == 0 ? -1 : body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private DispatchClient client() {
    return DispatchClient.builder()
        .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
        .namespace("team-a")
        .apiKey("secret")
        .build();
  }

  @Test
  void errorBodyBecomesTypedException() {
    next.set(
        new Canned(
            404,
            "{\"error\":{\"code\":\"not_found\",\"message\":\"no invocation x\","
                + "\"details\":{\"id\":\"x\"}}}"));

    assertThatThrownBy(() -> client().get("x"))
        .isInstanceOfSatisfying(
            DispatchApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.code()).isEqualTo("not_found");
              assertThat(e.errorMessage()).isEqualTo("no invocation x");
              assertThat(e.details())
                  .hasValueSatisfying(d -> assertThat(d.path("id").asString()).isEqualTo("x"));
              assertThat(e.isTransient()).isFalse();
            })
        .hasMessage(
            "GET /v1/namespaces/team-a/invocations/x failed with HTTP 404 not_found: no invocation x");
    assertThat(lastAuthorization.get()).isEqualTo("Bearer secret");
    assertThat(lastPath.get()).isEqualTo("GET /v1/namespaces/team-a/invocations/x");
  }

  @Test
  void aRateLimitRefusalCarriesItsRetryAfter() {
    next.set(
        new Canned(
            429,
            "{\"error\":{\"code\":\"rate_limited\",\"message\":\"function r/f: over 2 per 60 s\","
                + "\"details\":{\"retry_after_ms\":29500}}}",
            Map.of("Retry-After", "30")));

    assertThatThrownBy(() -> client().invoke("r", "f", Map.of()))
        .isInstanceOfSatisfying(
            DispatchApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.isRateLimited()).isTrue();
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
              assertThat(e.isTransient()).isTrue();
            });
  }

  @Test
  void retryAfterIsReadAsSecondsOrAnHttpDateAndIgnoredWhenItIsNeither() {
    Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    assertThat(ApiErrors.retryAfter("7", clock)).contains(Duration.ofSeconds(7));
    assertThat(ApiErrors.retryAfter("Sun, 01 Mar 2026 10:00:42 GMT", clock))
        .contains(Duration.ofSeconds(42));
    assertThat(ApiErrors.retryAfter("Sun, 01 Mar 2026 09:00:00 GMT", clock))
        .contains(Duration.ZERO);
    assertThat(ApiErrors.retryAfter("soon", clock)).isEmpty();
    assertThat(ApiErrors.retryAfter("-1", clock)).isEmpty();
  }

  @Test
  void otherErrorsHaveNoRetryAfterAndAreNotRateLimits() {
    next.set(
        new Canned(
            429,
            "{\"error\":{\"code\":\"budget_exceeded\",\"message\":\"over budget\"}}",
            Map.of()));

    assertThatThrownBy(() -> client().get("x"))
        .isInstanceOfSatisfying(
            DispatchApiException.class,
            e -> {
              assertThat(e.isRateLimited()).isFalse();
              assertThat(e.retryAfter()).isEmpty();
            });
  }

  @Test
  void pauseAndResumePostToTheFlowRoutesAndReadTheFlow() {
    String flow =
        "{\"paused\":true,\"max_concurrency\":null,\"running\":0,\"pending\":3,"
            + "\"key_blocked\":0,\"functions\":[{\"name\":\"f g\",\"paused\":true,"
            + "\"running\":0,\"pending\":3,\"key_blocked\":0}]}";
    next.set(new Canned(200, flow));

    FlowState paused = client().pauseAgent("a");
    assertThat(lastPath.get()).isEqualTo("POST /v1/namespaces/team-a/agents/a/pause");
    assertThat(paused.paused()).isTrue();
    assertThat(paused.maxConcurrency()).isEmpty();
    assertThat(paused.pending()).isEqualTo(3);

    client().resumeAgent("a");
    assertThat(lastPath.get()).isEqualTo("POST /v1/namespaces/team-a/agents/a/resume");
    FlowState fn = client().pauseFunction("a", "f g");
    assertThat(lastPath.get())
        .isEqualTo("POST /v1/namespaces/team-a/agents/a/functions/f%20g/pause");
    assertThat(fn.function("f g").map(FunctionFlow::paused)).contains(true);
    client().resumeFunction("a", "f g");
    assertThat(lastPath.get())
        .isEqualTo("POST /v1/namespaces/team-a/agents/a/functions/f%20g/resume");
  }

  @Test
  void bodyThatIsNotOurErrorKeepsTheStatusAndRawText() {
    next.set(new Canned(502, "Bad Gateway from proxy"));

    assertThatThrownBy(() -> client().listAgents())
        .isInstanceOfSatisfying(
            DispatchApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo("http_502");
              assertThat(e.errorMessage()).isEqualTo("Bad Gateway from proxy");
              assertThat(e.details()).isEmpty();
              assertThat(e.isTransient()).isTrue();
            });
  }

  @Test
  void completeRefusedAsAllStaleIsReturnedAsRejectedNotThrown() {
    next.set(
        new Canned(
            409,
            "{\"error\":{\"code\":\"stale_lease\",\"message\":\"all stale\","
                + "\"details\":{\"rejected\":[{\"lease_id\":\"l1\",\"reason\":\"lease_expired\"}]}}}"));

    CompletionAck ack = client().workers().complete("w", List.of(CompletionResult.cancelled("l1")));

    assertThat(ack.accepted()).isEmpty();
    assertThat(ack.rejected()).containsExactly(new RejectedLease("l1", "lease_expired"));
  }

  @Test
  void refusedConnectionNamesTheServer() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    DispatchClient client =
        DispatchClient.builder().baseUrl("http://127.0.0.1:" + closedPort).build();

    assertThatThrownBy(() -> client.get("x"))
        .isInstanceOf(DispatchUnreachableException.class)
        .hasMessageStartingWith(
            "Dispatch server at http://127.0.0.1:" + closedPort + " is unreachable")
        .hasMessageContaining("GET /v1/namespaces/default/invocations/x");
    assertThat(client.isHealthy()).isFalse();
  }
}
