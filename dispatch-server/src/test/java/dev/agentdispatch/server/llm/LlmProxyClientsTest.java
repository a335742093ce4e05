package dev.agentdispatch.server.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.agentdispatch.core.llm.TokenUsage;
import dev.agentdispatch.llm.standin.RecordedRequest;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway with the client libraries people use, unchanged but for their base URL: the official
 * OpenAI Java SDK and LangChain4j's OpenAI and Anthropic models, plain and streaming, in front of a
 * stand-in provider.
 */
class LlmProxyClientsTest {
  @TempDir Path dir;
  GatewayFixture gw;

  @BeforeEach
  void start() {
    gw = new GatewayFixture(dbUrl());
  }

  @AfterEach
  void stop() {
    if (gw != null) { // null when the store was not there (a skipped PostgreSQL run)
      gw.close();
      dropDb();
    }
  }

  /** The store the server runs on; SQLite here, PostgreSQL in a subclass. */
  protected String dbUrl() {
    return "sqlite:" + dir.resolve("dispatch.db");
  }

  /** Removes what {@link #dbUrl()} made, if anything outlives the test's folder. */
  protected void dropDb() {}

  private OpenAIClient openAi() {
    return OpenAIOkHttpClient.builder()
        .baseUrl(gw.openAiBase())
        .apiKey("not-a-provider-key")
        .maxRetries(0)
        .putHeader("X-Dispatch-Agent-Name", "researcher")
        .putHeader("X-Dispatch-Trace-Id", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")
        .putHeader("X-Dispatch-Invocation-Id", "inv-42")
        .putHeader("X-Dispatch-Session-Id", "sess-7")
        .build();
  }

  private RecordingLedger.Settled onlySettled() {
    await().atMost(Duration.ofSeconds(5)).until(() -> !gw.ledger.settled().isEmpty());
    assertThat(gw.ledger.settled()).hasSize(1);
    assertThat(gw.ledger.admitted()).hasSize(1);
    return gw.ledger.settled().getFirst();
  }

  @Test
  void openAiSdkChatIsForwardedWithTheProviderKeyTraceAndAttribution() {
    ChatCompletion c =
        openAi()
            .chat()
            .completions()
            .create(
                ChatCompletionCreateParams.builder()
                    .model("standin-small")
                    .addUserMessage("hello there world")
                    .build());

    assertThat(c.choices().getFirst().message().content()).contains("echo: hello there world");
    RecordedRequest up = gw.a.lastRequest().orElseThrow();
    assertThat(up.path()).isEqualTo("/v1/chat/completions");
    assertThat(up.header("authorization")).contains("Bearer " + GatewayFixture.providerKey());
    assertThat(up.header("traceparent"))
        .hasValueSatisfying(
            t -> assertThat(t).matches("00-0190a1b2c3d47e5f8a9b0c1d2e3f4a5b-[0-9a-f]{16}-01"));
    assertThat(up.headers().keySet()).noneMatch(h -> h.startsWith("x-dispatch-"));
    assertThat(up.headers().keySet()).doesNotContain("x-api-key");

    RecordingLedger.Settled s = onlySettled();
    assertThat(s.outcome().ok()).isTrue();
    assertThat(s.outcome().provider()).isEqualTo("openai-a");
    assertThat(s.outcome().endpoint()).isEqualTo("/chat/completions");
    assertThat(s.outcome().usage()).isEqualTo(new TokenUsage(3, 4, 0, 0));
    assertThat(s.outcome().finishReason()).contains("stop");
    assertThat(s.held().who().agent()).contains("researcher");
    assertThat(s.held().who().traceId()).contains("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
    assertThat(s.held().who().invocationId()).contains("inv-42");
    assertThat(s.held().who().sessionId()).contains("sess-7");
  }

  @Test
  void openAiSdkStreamArrivesWholeAndItsUsageIsRecordedWithCachedTokensApart() {
    gw.a.cachedTokens(2);
    StringBuilder text = new StringBuilder();
    try (StreamResponse<ChatCompletionChunk> stream =
        openAi()
            .chat()
            .completions()
            .createStreaming(
                ChatCompletionCreateParams.builder()
                    .model("standin-small")
                    .addUserMessage("stream me four words")
                    .build())) {
      stream.stream()
          .forEach(ch -> ch.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
    }

    assertThat(text).hasToString("echo: stream me four words");
    assertThat(gw.a.lastRequest().orElseThrow().bodyText()).contains("\"include_usage\":true");
    RecordingLedger.Settled s = onlySettled();
    assertThat(s.outcome().usage()).isEqualTo(new TokenUsage(4, 5, 2, 0));
    assertThat(s.outcome().timeToFirstToken()).isPresent();
    assertThat(s.outcome().finishReason()).contains("stop");
  }

  @Test
  void openAiSdkEmbeddingsAndModels() {
    CreateEmbeddingResponse r =
        openAi()
            .embeddings()
            .create(
                EmbeddingCreateParams.builder()
                    .model("standin-embed")
                    .input("one two three")
                    .build());
    assertThat(r.data()).hasSize(1);
    assertThat(r.data().getFirst().embedding()).hasSize(8);
    assertThat(onlySettled().outcome().usage()).isEqualTo(new TokenUsage(3, 0, 0, 0));

    assertThat(openAi().models().list().data())
        .extracting(m -> m.id())
        .containsExactly("standin-small");
  }

  @Test
  void langChain4jOpenAiChatAndToolCalls() {
    ChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(gw.openAiBase())
            .apiKey("not-a-provider-key")
            .modelName("standin-small")
            .maxRetries(0)
            .build();
    assertThat(model.chat("hi you")).isEqualTo("echo: hi you");

    ChatResponse tool = model.chat(toolRequest());
    List<ToolExecutionRequest> calls = tool.aiMessage().toolExecutionRequests();
    assertThat(calls).hasSize(1);
    assertThat(calls.getFirst().name()).isEqualTo("lookup");
    assertThat(calls.getFirst().arguments()).contains("find the weather");
    await().atMost(Duration.ofSeconds(5)).until(() -> gw.ledger.settled().size() == 2);
    assertThat(gw.ledger.settled().get(1).outcome().finishReason()).contains("tool_calls");
  }

  @Test
  void langChain4jOpenAiStreaming() throws Exception {
    StreamingChatModel model =
        OpenAiStreamingChatModel.builder()
            .baseUrl(gw.openAiBase())
            .apiKey("not-a-provider-key")
            .modelName("standin-small")
            .build();
    ChatResponse r =
        stream(model, ChatRequest.builder().messages(UserMessage.from("a b c")).build());
    assertThat(r.aiMessage().text()).isEqualTo("echo: a b c");
    assertThat(onlySettled().outcome().usage()).isEqualTo(new TokenUsage(3, 4, 0, 0));

    ChatResponse tool = stream(model, toolRequest());
    assertThat(tool.aiMessage().toolExecutionRequests())
        .singleElement()
        .satisfies(t -> assertThat(t.arguments()).contains("find the weather"));
  }

  @Test
  void langChain4jAnthropicChatStreamingAndToolUse() throws Exception {
    ChatModel chat =
        AnthropicChatModel.builder()
            .baseUrl(gw.anthropicBase())
            .apiKey("not-a-provider-key")
            .modelName("standin-small")
            .maxTokens(100)
            .maxRetries(0)
            .build();
    assertThat(chat.chat("hello claude")).isEqualTo("echo: hello claude");
    RecordedRequest up = gw.a.lastRequest().orElseThrow();
    assertThat(up.path()).isEqualTo("/v1/messages");
    assertThat(up.header("x-api-key")).contains(GatewayFixture.providerKey());
    assertThat(up.header("anthropic-version")).isPresent();
    assertThat(up.headers().keySet()).doesNotContain("authorization");
    assertThat(onlySettled().outcome().usage()).isEqualTo(new TokenUsage(2, 3, 0, 0));

    ChatResponse tool = chat.chat(toolRequest());
    assertThat(tool.aiMessage().toolExecutionRequests())
        .singleElement()
        .satisfies(t -> assertThat(t.name()).isEqualTo("lookup"));

    gw.a.cachedTokens(5);
    StreamingChatModel streaming =
        AnthropicStreamingChatModel.builder()
            .baseUrl(gw.anthropicBase())
            .apiKey("not-a-provider-key")
            .modelName("standin-small")
            .maxTokens(100)
            .build();
    ChatResponse r =
        stream(streaming, ChatRequest.builder().messages(UserMessage.from("one two")).build());
    assertThat(r.aiMessage().text()).isEqualTo("echo: one two");
    await().atMost(Duration.ofSeconds(5)).until(() -> gw.ledger.settled().size() == 3);
    RecordingLedger.Settled s = gw.ledger.settled().get(2);
    assertThat(s.outcome().usage()).isEqualTo(new TokenUsage(2, 3, 5, 0));
    assertThat(s.outcome().finishReason()).contains("stop");
    assertThat(s.outcome().timeToFirstToken()).isPresent();
  }

  static ChatRequest toolRequest() {
    return ChatRequest.builder()
        .messages(UserMessage.from("find the weather"))
        .toolSpecifications(
            ToolSpecification.builder()
                .name("lookup")
                .description("looks things up")
                .parameters(JsonObjectSchema.builder().addStringProperty("input").build())
                .build())
        .build();
  }

  /** Streams {@code req} and waits (bounded) for the complete response, or its error. */
  static ChatResponse stream(StreamingChatModel model, ChatRequest req) throws Exception {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    model.chat(
        req,
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partial) {}

          @Override
          public void onCompleteResponse(ChatResponse response) {
            done.complete(response);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }
        });
    return done.get(15, TimeUnit.SECONDS);
  }
}
