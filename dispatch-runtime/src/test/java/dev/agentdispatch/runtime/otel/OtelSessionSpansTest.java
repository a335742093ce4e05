package dev.agentdispatch.runtime.otel;

import static dev.agentdispatch.runtime.otel.OtelFixture.attr;
import static dev.agentdispatch.runtime.otel.OtelFixture.longAttr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.runtime.session.AgentSession;
import dev.agentdispatch.runtime.session.Session;
import dev.agentdispatch.runtime.session.TurnOptions;
import dev.agentdispatch.runtime.usage.TestPricing;
import dev.agentdispatch.runtime.usage.UsageLimitExceededException;
import dev.agentdispatch.runtime.usage.UsageLimits;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OtelSessionSpansTest {
  private final OtelFixture otel = new OtelFixture();

  @AfterEach
  void close() {
    otel.close();
  }

  private AgentSession.Builder agent() {
    return AgentSession.builder("researcher", "answer")
        .projectId(7)
        .pricing(TestPricing.example())
        .openTelemetry(otel.sdk);
  }

  @Test
  void twoTurnsAndAToolMakeOneSessionSpanWithThreeChildren() {
    String answer =
        agent()
            .build()
            .run(session -> {
              session.runTurn(
                  ctx -> "plan",
                  TurnOptions.model("model-a")
                      .withUsage(UsageSnapshot.of(1000, 200))
                      .withResponseModel(r -> Optional.of("model-a-2026-01-01")));
              session.runTool("search", hooks -> "results");
              return session
                  .runTurn(
                      ctx -> "answer",
                      TurnOptions.model("model-b")
                          .withUsage(new UsageSnapshot(300, 40, 100, 50, 0, Optional.empty())))
                  .result();
            });

    assertThat(answer).isEqualTo("answer");
    assertThat(otel.spans()).hasSize(4);
    SpanData session = otel.span("invoke_agent researcher");
    SpanData first = otel.span("chat model-a");
    SpanData tool = otel.span("execute_tool search");
    SpanData second = otel.span("chat model-b");

    assertThat(session.getParentSpanContext().isValid()).isFalse();
    for (SpanData child : List.of(first, tool, second)) {
      assertThat(child.getTraceId()).isEqualTo(session.getTraceId());
      assertThat(child.getParentSpanId()).isEqualTo(session.getSpanId());
      assertThat(child.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
      assertThat(attr(child, "gen_ai.agent.name")).isEqualTo("researcher");
      assertThat(attr(child, "techrevati.phase")).isEqualTo("answer");
      assertThat(attr(child, "gen_ai.provider.name")).isEqualTo("techrevati");
    }
    assertThat(first.getStartEpochNanos()).isLessThan(tool.getStartEpochNanos());
    assertThat(tool.getEndEpochNanos()).isLessThanOrEqualTo(second.getStartEpochNanos());

    assertThat(attr(session, "gen_ai.operation.name")).isEqualTo("invoke_agent");
    assertThat(attr(session, "agent.role")).isEqualTo("researcher");
    assertThat(attr(session, "agent.phase")).isEqualTo("answer");
    assertThat(longAttr(session, "agent.project_id")).isEqualTo(7L);
    assertThat(attr(session, "gen_ai.agent.id")).startsWith("researcher-answer-");
    assertThat(attr(session, "agent.event")).isEqualTo("agent.completed");
    assertThat(attr(session, "agent.event.status")).isEqualTo("completed");
    assertThat(session.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

    assertThat(attr(first, "gen_ai.operation.name")).isEqualTo("chat");
    assertThat(attr(first, "gen_ai.request.model")).isEqualTo("model-a");
    assertThat(attr(first, "gen_ai.response.model")).isEqualTo("model-a-2026-01-01");
    assertThat(longAttr(first, "gen_ai.usage.input_tokens")).isEqualTo(1000L);
    assertThat(longAttr(first, "gen_ai.usage.output_tokens")).isEqualTo(200L);
    assertThat(first.getAttributes().get(AttributeKey.doubleKey("techrevati.cost.usd")))
        .isEqualTo(1000 * 2.50 / 1e6 + 200 * 10.0 / 1e6);

    assertThat(attr(second, "gen_ai.response.model")).isNull();
    // The GenAI conventions count cached input inside the input tokens.
    assertThat(longAttr(second, "gen_ai.usage.input_tokens")).isEqualTo(450L);
    assertThat(longAttr(second, "gen_ai.usage.cache_creation.input_tokens")).isEqualTo(100L);
    assertThat(longAttr(second, "gen_ai.usage.cache_read.input_tokens")).isEqualTo(50L);

    assertThat(attr(tool, "gen_ai.operation.name")).isEqualTo("execute_tool");
    assertThat(attr(tool, "gen_ai.tool.name")).isEqualTo("search");
  }

  @Test
  void aFailingTurnIsAnErrorWithItsFailureClassAndSoIsTheSessionItEnds() {
    AgentSession agent = agent().build();
    assertThatThrownBy(() ->
            agent.run(session ->
                session.runTurn(
                    ctx -> {
                      throw new TimeoutException("provider took too long");
                    },
                    TurnOptions.model("model-a"))))
        .hasCauseInstanceOf(TimeoutException.class);

    SpanData turn = otel.span("chat model-a");
    assertThat(turn.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(turn.getStatus().getDescription()).isEqualTo("llm_timeout");
    assertThat(attr(turn, "error.type")).isEqualTo("llm_timeout");
    assertThat(attr(turn, "techrevati.failure_class")).isEqualTo("llm_timeout");
    // Recovery's bookkeeping happened inside the turn, so its events are on the turn's span.
    assertThat(turn.getEvents())
        .extracting(EventData::getName)
        .containsExactly("agent.recovery.attempted", "agent.recovery.succeeded");
    assertThat(longAttr(turn, "gen_ai.usage.input_tokens")).isNull();

    SpanData session = otel.span("invoke_agent researcher");
    assertThat(session.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attr(session, "error.type")).isEqualTo("llm_timeout");
    assertThat(attr(session, "agent.failure_class")).isEqualTo("llm_timeout");
    // Event details stay off spans unless asked for: the message never leaves the process.
    assertThat(session.getAttributes().asMap().values())
        .noneMatch(v -> String.valueOf(v).contains("too long"));
  }

  @Test
  void aFailingToolIsAToolErrorWhileTheSessionGoesOn() {
    try (Session session = agent().build().session()) {
      assertThatThrownBy(() ->
              session.runTool(
                  "fetch",
                  hooks -> {
                    throw new IOException("disk full");
                  }))
          .hasCauseInstanceOf(IOException.class);
      session.runTurn(ctx -> "recovered", TurnOptions.model("model-a"));
      session.complete("done");
    }

    SpanData tool = otel.span("execute_tool fetch");
    assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attr(tool, "error.type")).isEqualTo("tool_error");
    SpanData session = otel.span("invoke_agent researcher");
    assertThat(session.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(attr(session, "agent.event")).isEqualTo("agent.completed");
  }

  @Test
  void aBudgetOverrunIsAWarningOnTheTurnNotAFailureOfTheSession() {
    agent()
        .budgetUsd(0.001)
        .build()
        .run(session ->
            session.runTurn(
                ctx -> "expensive",
                TurnOptions.model("model-a").withUsage(UsageSnapshot.of(1_000_000, 0))));

    SpanData turn = otel.span("chat model-a");
    assertThat(turn.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    EventData warning = turn.getEvents().get(0);
    assertThat(warning.getName()).isEqualTo("agent.failed");
    assertThat(warning.getAttributes().get(AttributeKey.stringKey("techrevati.failure_class")))
        .isEqualTo("rate_limit");
    assertThat(warning.getAttributes().get(AttributeKey.doubleKey("techrevati.data.budget_usd")))
        .isEqualTo(0.001);
    SpanData session = otel.span("invoke_agent researcher");
    assertThat(session.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(attr(session, "agent.event")).isEqualTo("agent.completed");
  }

  @Test
  void aUsageLimitThatStopsTheRunFailsTheTurnAndTheSessionAsRateLimit() {
    AgentSession agent = agent().usageLimits(UsageLimits.NONE.withTotalTokensMax(100)).build();
    assertThatThrownBy(() ->
            agent.run(session ->
                session.runTurn(
                    ctx -> "long",
                    TurnOptions.model("model-a").withUsage(UsageSnapshot.of(90, 20)))))
        .isInstanceOf(UsageLimitExceededException.class);

    SpanData turn = otel.span("chat model-a");
    assertThat(turn.getEvents()).extracting(EventData::getName).containsExactly("agent.failed");
    assertThat(attr(turn, "error.type")).isEqualTo("rate_limit");
    // The tokens were spent before the limit tripped, so they are on the span all the same.
    assertThat(longAttr(turn, "gen_ai.usage.output_tokens")).isEqualTo(20L);
    assertThat(attr(otel.span("invoke_agent researcher"), "error.type")).isEqualTo("rate_limit");
  }

  @Test
  @SuppressWarnings("try") // the scope makes the request current for the block, unreferenced
  void theSessionJoinsTheCallersTraceAndTheTurnIsCurrentWhileItRuns() {
    AtomicReference<Span> currentInTurn = new AtomicReference<>();
    Span request = otel.sdk.getTracer("test").spanBuilder("request").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      agent()
          .build()
          .run(session ->
              session.runTurn(
                  ctx -> {
                    currentInTurn.set(Span.current());
                    return "ok";
                  },
                  TurnOptions.defaults()));
    } finally {
      request.end();
    }

    SpanData session = otel.span("invoke_agent researcher");
    assertThat(session.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
    SpanData turn = otel.span("chat");
    assertThat(currentInTurn.get().getSpanContext().getSpanId()).isEqualTo(turn.getSpanId());
    assertThat(attr(turn, "gen_ai.request.model")).isNull();
  }

  @Test
  void providerNameAndEventDetailAreOptions() {
    OtelSessionTelemetry telemetry =
        OtelSessionTelemetry.builder(otel.sdk)
            .providerName("acme")
            .includeEventDetail(true)
            .build();
    AgentSession agent = AgentSession.builder("researcher", "answer").telemetry(telemetry).build();
    try (Session session = agent.session("thread-1")) {
      session.fail("gave up", dev.agentdispatch.runtime.events.AgentFailureClass.LLM_ERROR);
    }

    SpanData session = otel.span("invoke_agent researcher");
    assertThat(attr(session, "gen_ai.provider.name")).isEqualTo("acme");
    assertThat(attr(session, "gen_ai.conversation.id")).isEqualTo("thread-1");
    assertThat(attr(session, "techrevati.detail")).isEqualTo("gave up");
    assertThat(session.getStatus().getDescription()).isEqualTo("gave up");
  }
}
