package dev.agentdispatch.runtime.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.runtime.clock.ManualClock;
import dev.agentdispatch.runtime.retry.FailureScenario;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentEventTest {
  private final AgentEvents events = new AgentEvents(new ManualClock());

  @Test
  void factoriesCarryTheSpecifiedStatus() {
    assertThat(events.started("r", "p").status()).isEqualTo(AgentEventStatus.RUNNING);
    assertThat(events.toolCalled("r", "p", "t").status()).isEqualTo(AgentEventStatus.RUNNING);
    assertThat(events.toolCompleted("r", "p", "t").status()).isEqualTo(AgentEventStatus.COMPLETED);
    assertThat(events.toolCompleted("r", "p", "t").data()).contains(Map.of("tool", "t"));
    assertThat(events.ready("r", "p").status()).isEqualTo(AgentEventStatus.READY);
    assertThat(events.blocked("r", "p").status()).isEqualTo(AgentEventStatus.BLOCKED);
    assertThat(events.gatePassed("r", "p").status()).isEqualTo(AgentEventStatus.GREEN);
    assertThat(events.gateFailed("r", "p").status()).isEqualTo(AgentEventStatus.RED);
    assertThat(events.recoveryAttempted("r", "p").status()).isEqualTo(AgentEventStatus.RUNNING);
    assertThat(events.recoveryEscalated("r", "p").status()).isEqualTo(AgentEventStatus.FAILED);
    assertThat(events.failed("r", "p", AgentFailureClass.LLM_ERROR).status())
        .isEqualTo(AgentEventStatus.FAILED);
    assertThat(events.failed("r", "p", AgentFailureClass.CANCELLED).status())
        .isEqualTo(AgentEventStatus.CANCELLED);
  }

  @Test
  void phaseEventsWithoutARole() {
    AgentEvent started = events.phaseStarted("review");
    assertThat(started.event()).isEqualTo(AgentEventName.PHASE_STARTED);
    assertThat(started.status()).isEqualTo(AgentEventStatus.RUNNING);
    assertThat(started.role()).isEmpty();
    assertThat(started.toMap()).containsEntry("phase", "review").doesNotContainKey("role");
    AgentEvent completed = events.phaseCompleted("review");
    assertThat(completed.status()).isEqualTo(AgentEventStatus.COMPLETED);
    assertThat(completed.role()).isEmpty();
    assertThat(AgentEvent.fromJson(completed.toJson())).isEqualTo(completed);
    assertThatThrownBy(() -> events.phaseStarted(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void failedInvariants() {
    assertThatThrownBy(() ->
            AgentEvent.of(
                AgentEventName.FAILED, AgentEventStatus.FAILED, new ManualClock().wallNow()))
        .hasMessageContaining("requires a failure_class");
    AgentEvent cancelledClass = events.failed("r", "p", AgentFailureClass.CANCELLED);
    assertThatThrownBy(() ->
            new AgentEvent(
                cancelledClass.event(),
                AgentEventStatus.FAILED,
                cancelledClass.emittedAt(),
                cancelledClass.role(),
                cancelledClass.phase(),
                Optional.empty(),
                cancelledClass.failureClass(),
                Optional.empty(),
                Optional.empty()))
        .hasMessageContaining("cancelled iff status cancelled");
  }

  @Test
  void wireMapAndRoundTrip() {
    Map<String, Object> data = new HashMap<>();
    data.put("tool", "search");
    AgentEvent e =
        events
            .failed("r", "p", AgentFailureClass.TOOL_ERROR)
            .withDetail("boom")
            .withData(data)
            .withProject(3);
    data.put("tool", "mutated");
    assertThat(e.data().get()).containsEntry("tool", "search");
    Map<String, Object> m = e.toMap();
    assertThat(m)
        .containsExactly(
            Map.entry("event", "agent.failed"),
            Map.entry("type", "failed"),
            Map.entry("status", "failed"),
            Map.entry("emitted_at", "2026-01-01T00:00:00+00:00"),
            Map.entry("role", "r"),
            Map.entry("phase", "p"),
            Map.entry("project_id", 3L),
            Map.entry("failure_class", "tool_error"),
            Map.entry("detail", "boom"),
            Map.entry("data", Map.of("tool", "search")));
    assertThat(AgentEvent.fromJson(e.toJson())).isEqualTo(e);
    assertThat(e.terminal()).isFalse();
    assertThat(events.started("r", "p").toMap())
        .doesNotContainKeys("detail", "data", "failure_class", "project_id");
  }

  @Test
  void namesAndScenarioMapping() {
    assertThat(AgentEventName.RECOVERY_ESCALATED.value()).isEqualTo("agent.recovery.escalated");
    assertThat(AgentEventName.RECOVERY_ESCALATED.type()).isEqualTo("escalated");
    assertThat(AgentEventName.values()).hasSize(23);
    assertThat(AgentFailureClass.values()).hasSize(14);
    assertThat(AgentFailureClass.fromScenario(FailureScenario.PROVIDER_FAILURE))
        .isEqualTo(AgentFailureClass.DEPENDENCY_FAILED);
    assertThat(AgentFailureClass.fromScenario(FailureScenario.TOOL_EXECUTION_ERROR))
        .isEqualTo(AgentFailureClass.TOOL_ERROR);
    assertThat(AgentFailureClass.fromScenario(FailureScenario.DEPENDENCY_TIMEOUT))
        .isEqualTo(AgentFailureClass.DEPENDENCY_FAILED);
  }
}
