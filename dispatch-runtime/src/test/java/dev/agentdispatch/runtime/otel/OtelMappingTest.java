package dev.agentdispatch.runtime.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.runtime.clock.ManualClock;
import dev.agentdispatch.runtime.events.AgentEvents;
import dev.agentdispatch.runtime.events.AgentFailureClass;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OtelMappingTest {
  private final AgentEvents events = new AgentEvents(new ManualClock());

  @Test
  void operationAndSpanNames() {
    assertThat(OtelMapping.operationName(events.started("r", "p"))).isEqualTo("create_agent");
    assertThat(OtelMapping.spanName(events.toolCalled("r", "p", "search")))
        .isEqualTo("execute_tool search");
    assertThat(
            OtelMapping.operationName(
                events
                    .failed("r", "p", AgentFailureClass.TOOL_ERROR)
                    .withData(Map.of("tool", "x"))))
        .isEqualTo("execute_tool");
    assertThat(OtelMapping.operationName(events.phaseStarted("r", "p")))
        .isEqualTo("invoke_workflow");
    assertThat(OtelMapping.spanName(events.completed("r", "p"))).isEqualTo("invoke_agent r");
  }

  @Test
  void attributes() {
    var failed =
        events
            .failed("r", "p", AgentFailureClass.RATE_LIMIT)
            .withDetail("budget")
            .withData(
                Map.of(
                    "budget_usd",
                    1.5,
                    "nested",
                    Map.of("x", 1),
                    "gen_ai.input.messages",
                    "secret"));
    Map<String, Object> a =
        OtelMapping.spanAttributes(failed, "techrevati", Optional.of("id-1"), false);
    assertThat(a)
        .containsEntry("gen_ai.agent.name", "r")
        .containsEntry("error.type", "rate_limit")
        .containsEntry("techrevati.data.budget_usd", 1.5)
        .containsEntry("gen_ai.agent.id", "id-1")
        .doesNotContainKeys(
            "techrevati.detail", "techrevati.data.nested", "techrevati.data.gen_ai.input.messages");
    var cancelled = events.failed("r", "p", AgentFailureClass.CANCELLED);
    assertThat(OtelMapping.spanAttributes(cancelled, "x", Optional.empty(), true))
        .doesNotContainKey("error.type");
    assertThat(OtelMapping.isError(cancelled)).isFalse();
    assertThat(OtelMapping.eventAttributes(failed))
        .containsEntry("agent.event", "agent.failed")
        .containsEntry("agent.failure_class", "rate_limit")
        .containsEntry("agent.detail", "budget");
  }
}
