package dev.agentdispatch.runtime.otel;

import static dev.agentdispatch.runtime.otel.OtelFixture.attr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.runtime.session.AgentSession;
import dev.agentdispatch.runtime.session.Session;
import dev.agentdispatch.runtime.session.TurnOptions;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OtelInterruptionTest {
  private final OtelFixture otel = new OtelFixture();
  private final OtelSessionTelemetry telemetry = OtelSessionTelemetry.create(otel.sdk);
  private final AgentSession agent =
      AgentSession.builder("operator", "deploy").telemetry(telemetry).build();

  @AfterEach
  void close() {
    otel.close();
  }

  @Test
  void aSessionCancelledWhileAToolRunsEndsBothSpansAndMarksThem() throws Exception {
    Session session = agent.session();
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> tool = toolWaitingFor(release, session, "rollout");

    session.cancel("stopped by the operator");

    SpanData sessionSpan = otel.span("invoke_agent operator");
    assertThat(attr(sessionSpan, "techrevati.failure_class")).isEqualTo("cancelled");
    assertThat(attr(sessionSpan, "agent.event.status")).isEqualTo("cancelled");
    // A cancelled run is not an error (the specification's rule), but the tool it cut short is.
    assertThat(sessionSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(attr(sessionSpan, "error.type")).isNull();
    SpanData toolSpan = otel.span("execute_tool rollout");
    assertThat(toolSpan.hasEnded()).isTrue();
    assertThat(toolSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attr(toolSpan, "error.type")).isEqualTo("tool_span_interrupted");
    assertThat(toolSpan.getParentSpanId()).isEqualTo(sessionSpan.getSpanId());

    release.countDown();
    assertThat(tool.get(5, TimeUnit.SECONDS)).isEqualTo("rollout done");
    // The tool's late return does not end its span a second time.
    assertThat(otel.spans()).hasSize(2);
    assertThat(telemetry.openSpanCount()).isZero();
  }

  @Test
  void anInterruptedThreadCancelsTheSessionWithoutAnError() {
    assertThatThrownBy(() ->
            agent.run(session ->
                session.runTool(
                    "wait",
                    hooks -> {
                      throw new InterruptedException();
                    })))
        .hasCauseInstanceOf(InterruptedException.class);
    Thread.interrupted(); // the session restores the flag; clear it for the next test

    SpanData tool = otel.span("execute_tool wait");
    assertThat(attr(tool, "techrevati.failure_class")).isEqualTo("cancelled");
    assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    SpanData session = otel.span("invoke_agent operator");
    assertThat(attr(session, "techrevati.failure_class")).isEqualTo("cancelled");
    assertThat(session.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void spansStillOpenAtAnAbruptEndAreEndedAsAbruptTermination() throws Exception {
    Session session = agent.session();
    session.runTurn(ctx -> "plan", TurnOptions.model("model-a"));
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> hanging = toolWaitingFor(release, session, "hang");
    assertThat(telemetry.openSpanCount()).isEqualTo(2);

    telemetry.endOpenSpans(); // what the JVM shutdown hook does
    release.countDown();
    hanging.get(5, TimeUnit.SECONDS);

    assertThat(telemetry.openSpanCount()).isZero();
    for (String name : new String[] {"invoke_agent operator", "execute_tool hang"}) {
      SpanData span = otel.span(name);
      assertThat(span.getStatus().getStatusCode()).as(name).isEqualTo(StatusCode.ERROR);
      assertThat(attr(span, "error.type")).as(name).isEqualTo("abrupt_termination");
    }
    // The child ended before its parent.
    assertThat(otel.spans().get(1).getName()).isEqualTo("execute_tool hang");
    assertThat(otel.spans().get(2).getName()).isEqualTo("invoke_agent operator");
    assertThat(otel.span("chat model-a").getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  /** Runs a tool on another thread and returns once it is running; it finishes on release. */
  private static CompletableFuture<String> toolWaitingFor(
      CountDownLatch release, Session session, String name) throws InterruptedException {
    CountDownLatch running = new CountDownLatch(1);
    CompletableFuture<String> tool =
        CompletableFuture.supplyAsync(() ->
            session.runTool(
                name,
                hooks -> {
                  running.countDown();
                  release.await();
                  return name + " done";
                }));
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
    return tool;
  }
}
