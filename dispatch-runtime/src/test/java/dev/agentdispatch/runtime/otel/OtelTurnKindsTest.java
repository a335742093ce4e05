package dev.agentdispatch.runtime.otel;

import static dev.agentdispatch.runtime.otel.OtelFixture.attr;
import static dev.agentdispatch.runtime.otel.OtelFixture.longAttr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.runtime.clock.ManualClock;
import dev.agentdispatch.runtime.langchain4j.SessionChatModel;
import dev.agentdispatch.runtime.session.AgentSession;
import dev.agentdispatch.runtime.session.Failover;
import dev.agentdispatch.runtime.session.Session;
import dev.agentdispatch.runtime.session.TurnOptions;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Streamed turns and LangChain4j calls are turns too, with their own span each. */
class OtelTurnKindsTest {
  private final OtelFixture otel = new OtelFixture();
  private final ManualClock clock = new ManualClock();

  @AfterEach
  void close() {
    otel.close();
  }

  @Test
  void aStreamedTurnHasASpanWithItsUsageAndAFailedStreamAnError() {
    try (Session session =
        AgentSession.builder("writer", "draft")
            .clock(clock)
            .openTelemetry(otel.sdk)
            .build()
            .session()) {
      session.runTurnStream(
          hooks -> Stream.of("Hel", "lo"),
          TurnOptions.model("model-a").withUsage(UsageSnapshot.of(3, 2)),
          event -> {});
      assertThatThrownBy(() ->
              session.runTurnStream(
                  hooks -> {
                    throw new IllegalStateException("connection reset by peer");
                  },
                  TurnOptions.model("model-c"),
                  event -> {}))
          .isInstanceOf(IllegalStateException.class);
    }

    SpanData streamed = otel.span("chat model-a");
    assertThat(streamed.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(longAttr(streamed, "gen_ai.usage.output_tokens")).isEqualTo(2L);
    SpanData failed = otel.span("chat model-c");
    assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attr(failed, "error.type")).isEqualTo("dependency_failed");
  }

  @Test
  void aChatModelCallThatRecoveryMovedToTheBackupShowsTheBackupAndTheAnsweringModel() {
    Session session =
        Failover.agent("assistant", "chat", clock).openTelemetry(otel.sdk).build().session();
    ChatModel model =
        SessionChatModel.builder(session)
            .model("primary", failing())
            .model("backup", answering("model-a-2026-05-01"))
            .modelName("model-a")
            .build();

    assertThat(model.chat("hi")).isEqualTo("hello");

    SpanData turn = otel.span("chat model-a");
    assertThat(turn.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(attr(turn, "gen_ai.provider.name")).isEqualTo("backup");
    assertThat(attr(turn, "gen_ai.response.model")).isEqualTo("model-a-2026-05-01");
    assertThat(longAttr(turn, "gen_ai.usage.input_tokens")).isEqualTo(10L);
    assertThat(turn.getEvents())
        .extracting(EventData::getName)
        .contains("agent.recovery.provider_switched");
  }

  private static ChatModel failing() {
    return new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        throw new RuntimeException("503 service unavailable");
      }
    };
  }

  private static ChatModel answering(String modelName) {
    return new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        return ChatResponse.builder()
            .aiMessage(AiMessage.from("hello"))
            .modelName(modelName)
            .tokenUsage(new TokenUsage(10, 5))
            .build();
      }
    };
  }
}
