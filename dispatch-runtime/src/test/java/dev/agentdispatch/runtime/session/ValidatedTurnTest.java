package dev.agentdispatch.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.runtime.clock.ManualClock;
import dev.agentdispatch.runtime.events.AgentEvent;
import dev.agentdispatch.runtime.events.AgentFailureClass;
import dev.agentdispatch.runtime.lifecycle.AgentStatus;
import dev.agentdispatch.runtime.output.JsonOutputSpec;
import dev.agentdispatch.runtime.output.OutputValidationException;
import dev.agentdispatch.runtime.sinks.RingBufferEventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValidatedTurnTest {
  private final ManualClock clock = new ManualClock();
  private final RingBufferEventSink events = new RingBufferEventSink();
  private final AgentSession agent =
      AgentSession.builder("r", "p").clock(clock).eventSink(events).build();

  private List<AgentEvent> validationWarnings() {
    return events.events().stream()
        .filter(e -> e.failureClass().equals(Optional.of(AgentFailureClass.VALIDATION_ERROR)))
        .toList();
  }

  @Test
  void aViolationIsReaskedWithItsMessageUntilTheOutputConforms() {
    Session s = agent.session();
    List<Optional<String>> told = new ArrayList<>();
    List<String> answers = List.of("42", "{\"answer\": 42}", "{\"answer\": 42, \"why\": \"math\"}");
    TurnResult<Object> r =
        s.runTurnValidated(
            (ctx, violation) -> {
              told.add(violation);
              return answers.get(told.size() - 1);
            },
            JsonOutputSpec.object("answer", "why"),
            TurnOptions.defaults(),
            2);
    assertThat(r.result()).isEqualTo(Map.of("answer", 42, "why", "math"));
    assertThat(told)
        .containsExactly(
            Optional.empty(),
            Optional.of("output must be a JSON object, got number"),
            Optional.of("output is missing required keys: [why]"));
    assertThat(s.iterations()).isEqualTo(3); // each attempt is a turn
    List<AgentEvent> warnings = validationWarnings();
    assertThat(warnings).hasSize(2);
    assertThat(warnings.get(0).terminal()).isFalse();
    assertThat(warnings.get(0).data().get())
        .containsEntry("kind", "output_spec")
        .containsEntry("attempt", 1)
        .containsEntry("reask", true);
    assertThat(warnings.get(0).detail()).contains("output validation failed");
  }

  @Test
  void afterTheLastReaskTheViolationEndsTheRunAsAValidationError() {
    assertThatThrownBy(() ->
            agent.run(s ->
                s.runTurnValidated(
                        (ctx, violation) -> "not json",
                        JsonOutputSpec.any(),
                        TurnOptions.defaults(),
                        1)
                    .result()))
        .isInstanceOf(OutputValidationException.class);
    assertThat(validationWarnings()).hasSize(3); // two warnings, then the terminal failure
    AgentEvent last = events.events().get(events.events().size() - 1);
    assertThat(last.terminal()).isTrue();
    assertThat(last.failureClass()).contains(AgentFailureClass.VALIDATION_ERROR);
    Session s = agent.session();
    assertThatThrownBy(() ->
            s.runTurnValidated((c, v) -> "{}", JsonOutputSpec.any(), TurnOptions.defaults(), -1))
        .hasMessage("max_reasks must be >= 0, got -1");
    assertThat(s.worker().status()).isEqualTo(AgentStatus.RUNNING);
  }
}
