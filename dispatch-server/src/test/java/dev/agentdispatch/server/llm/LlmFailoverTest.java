package dev.agentdispatch.server.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.agentdispatch.llm.standin.Fault;
import dev.agentdispatch.server.app.Json;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Failover, retries, the circuit breaker, timeouts, cut streams and bad input, against stand-in
 * providers that fail on cue. Every call is settled exactly once, however it ended.
 */
class LlmFailoverTest {
  private static final String CHAT = "/v1/chat/completions";
  private static final String BODY =
      "{\"model\":\"standin-small\",\"messages\":[{\"role\":\"user\",\"content\":\"ping pong\"}]}";
  private static final String STREAM_BODY =
      "{\"model\":\"standin-small\",\"stream\":true,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"ping pong\"}]}";

  @TempDir Path dir;
  GatewayFixture gw;

  @BeforeEach
  void start() {
    gw = new GatewayFixture(dir);
  }

  @AfterEach
  void stop() {
    gw.close();
  }

  private void awaitSettled(int n) {
    await().atMost(Duration.ofSeconds(10)).until(() -> gw.ledger.settled().size() >= n);
    assertThat(gw.ledger.settled()).hasSize(n);
    assertThat(gw.ledger.admitted()).hasSize(n);
  }

  private static JsonNode json(HttpResponse<String> r) {
    return Json.tree(r.body());
  }

  @Test
  void a429WithRetryAfterIsWaitedOutAndRetriedOnTheSameProvider() {
    gw.a.failNext(1, 429, Optional.of(Duration.ofSeconds(1)));
    long t0 = System.nanoTime();
    HttpResponse<String> r = gw.chat(BODY);
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(gw.a.requests(CHAT)).isEqualTo(2);
    assertThat(gw.b.requests()).isZero();
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    awaitSettled(1);
    assertThat(gw.ledger.settled().getFirst().outcome().ok()).isTrue();
  }

  @Test
  void a500OnTheFirstProviderFailsOverToTheSecond() {
    gw.a.failNext(2, 500, Optional.empty());
    HttpResponse<String> r = gw.chat(BODY);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).path("choices").path(0).path("message").path("content").asString())
        .isEqualTo("echo: ping pong");
    assertThat(gw.a.requests(CHAT)).isEqualTo(2);
    assertThat(gw.b.requests(CHAT)).isEqualTo(1);
    awaitSettled(1);
    assertThat(gw.ledger.settled().getFirst().outcome().provider()).isEqualTo("openai-b");
  }

  @Test
  void whenEveryProviderFailsTheClientGetsTheLastErrorInItsFormat() {
    gw.a.failNext(2, 500, Optional.empty());
    gw.b.failNext(2, 503, Optional.empty());
    HttpResponse<String> r = gw.chat(BODY);

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(json(r).path("error").path("message").asString()).contains("stand-in fault");
    awaitSettled(1);
    assertThat(gw.ledger.settled().getFirst().outcome().error())
        .hasValueSatisfying(e -> assertThat(e).contains("503"));
  }

  @Test
  void theBreakerOpensAfterRepeatedFailuresAndRecoversAfterItsWait() {
    gw.a.failNext(2, 500, Optional.empty());
    assertThat(gw.chat(BODY).statusCode()).isEqualTo(200); // a fails twice: its circuit opens
    assertThat(gw.chat(BODY).statusCode()).isEqualTo(200);
    assertThat(gw.a.requests(CHAT)).as("an open circuit skips its provider").isEqualTo(2);
    assertThat(gw.b.requests(CHAT)).isEqualTo(2);

    // After the open wait, one trial call goes to a again; it succeeds and closes the circuit.
    await()
        .atMost(GatewayFixture.BREAKER_OPEN.multipliedBy(4))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> {
          gw.chat(BODY);
          return gw.a.requests(CHAT) == 3;
        });
    int before = gw.b.requests(CHAT);
    assertThat(gw.chat(BODY).statusCode()).isEqualTo(200);
    assertThat(gw.a.requests(CHAT)).isEqualTo(4);
    assertThat(gw.b.requests(CHAT)).isEqualTo(before);
  }

  @Test
  void aFirstTokenSlowerThanTheTimeoutFailsOverBeforeTheClientSeesAByte() {
    gw.a.enqueue(new Fault.FirstTokenDelay(GatewayFixture.FIRST_BYTE.multipliedBy(3)));
    HttpResponse<String> r = gw.chat(STREAM_BODY);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"content\":\" pong\"").endsWith("data: [DONE]\n\n");
    assertThat(gw.b.requests(CHAT)).isEqualTo(1);
    awaitSettled(1);
    assertThat(gw.ledger.settled().getFirst().outcome().provider()).isEqualTo("openai-b");
  }

  @Test
  void aHangingProviderEndsIn504WhenNoOtherAnswers() {
    gw.a.enqueue(new Fault.Hang());
    gw.b.enqueue(new Fault.Hang());
    long t0 = System.nanoTime();
    HttpResponse<String> r = gw.chat(BODY);

    assertThat(r.statusCode()).isEqualTo(504);
    assertThat(json(r).path("error").path("message").asString()).contains("no answer within");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    awaitSettled(1);
  }

  @Test
  void aStreamCutMidwayEndsInAnErrorTheOpenAiSdkRaises() {
    gw.a.enqueue(new Fault.Cut(3));
    var client =
        OpenAIOkHttpClient.builder().baseUrl(gw.openAiBase()).apiKey("x").maxRetries(0).build();
    StringBuilder text = new StringBuilder();
    assertThatThrownBy(
            () -> {
              try (StreamResponse<ChatCompletionChunk> s =
                  client
                      .chat()
                      .completions()
                      .createStreaming(
                          ChatCompletionCreateParams.builder()
                              .model("standin-small")
                              .addUserMessage("one two three four five")
                              .build())) {
                s.stream()
                    .forEach(ch ->
                        ch.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
              }
            })
        .hasMessageContaining("the provider's stream broke");
    assertThat(text.toString()).startsWith("echo:");
    assertThat(gw.b.requests()).as("no failover once the client has bytes").isZero();
    awaitSettled(1);
    assertThat(gw.ledger.settled().getFirst().outcome().error())
        .hasValueSatisfying(e -> assertThat(e).contains("stream"));
  }

  @Test
  void aStreamCutMidwayReachesLangChain4jAnthropicAsAnError() {
    gw.a.enqueue(new Fault.Cut(4));
    var model =
        AnthropicStreamingChatModel.builder()
            .baseUrl(gw.anthropicBase())
            .apiKey("x")
            .modelName("standin-small")
            .maxTokens(50)
            .build();
    assertThatThrownBy(() ->
            LlmProxyClientsTest.stream(
                model, ChatRequest.builder().messages(UserMessage.from("a b c d e")).build()))
        .isInstanceOf(java.util.concurrent.ExecutionException.class);
    awaitSettled(1);
    assertThat(gw.ledger.settled().getFirst().outcome().ok()).isFalse();
  }

  /** Logback's console appender writes to whatever {@code System.out} is at the time. */
  @Test
  void theProviderKeyNeverShowsInLogsOrResponses() {
    PrintStream was = System.out;
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    System.setOut(new PrintStream(logs, true, StandardCharsets.UTF_8));
    try {
      gw.a.failNext(2, 500, Optional.empty());
      gw.b.failNext(1, 401, Optional.empty());
      HttpResponse<String> failed = gw.chat(BODY);
      HttpResponse<String> ok = gw.chat(STREAM_BODY);
      awaitSettled(2);
      String key = GatewayFixture.providerKey();
      assertThat(key).isNotBlank();
      assertThat(failed.statusCode()).isEqualTo(401);
      assertThat(failed.body() + failed.headers().map()).doesNotContain(key);
      assertThat(ok.body() + ok.headers().map()).doesNotContain(key);
      String logged = logs.toString(StandardCharsets.UTF_8);
      assertThat(logged).contains("provider 'openai-a' try 1 failed").doesNotContain(key);
    } finally {
      System.setOut(was);
    }
  }

  @Test
  void aBodyThatIsNotJsonIs400InTheProvidersShapeAndGoesNowhere() {
    HttpResponse<String> openai = gw.chat("{not json");
    assertThat(openai.statusCode()).isEqualTo(400);
    assertThat(json(openai).path("error").path("message").asString()).contains("not valid JSON");
    assertThat(json(openai).path("error").path("type").asString())
        .isEqualTo("invalid_request_error");

    HttpResponse<String> anthropic =
        gw.post(
            gw.anthropicBase() + "messages", "[1,2]", Map.of("Content-Type", "application/json"));
    assertThat(anthropic.statusCode()).isEqualTo(400);
    assertThat(json(anthropic).path("type").asString()).isEqualTo("error");
    assertThat(json(anthropic).path("error").path("message").asString())
        .contains("must be a JSON object");

    HttpResponse<String> badAgent =
        gw.post(
            gw.openAiBase() + "/chat/completions",
            BODY,
            Map.of("X-Dispatch-Agent-Name", "not a name!"));
    assertThat(badAgent.statusCode()).isEqualTo(400);
    assertThat(json(badAgent).path("error").path("message").asString())
        .contains("X-Dispatch-Agent-Name");

    assertThat(gw.a.requests() + gw.b.requests()).isZero();
    assertThat(gw.ledger.admitted()).isEmpty();
  }

  @Test
  void aSpentBudgetIs429NamingItBeforeAnyProviderIsCalled() {
    HttpResponse<String> budget =
        gw.send(
            "PUT",
            "http://127.0.0.1:" + gw.server.port() + "/v1/namespaces/default/llm/budget",
            "{\"monthly_budget_usd\":0.000001}");
    assertThat(budget.statusCode()).as(budget.body()).isEqualTo(200);
    HttpResponse<String> r = gw.chat(BODY);

    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("x-should-retry")).contains("false");
    assertThat(json(r).path("error").path("code").asString()).isEqualTo("budget_exceeded");
    assertThat(json(r).path("error").path("message").asString())
        .contains("namespace 'default'")
        .contains("limit $0.000001");
    assertThat(gw.a.requests() + gw.b.requests()).isZero();
    assertThat(gw.ledger.settled()).isEmpty();
  }
}
