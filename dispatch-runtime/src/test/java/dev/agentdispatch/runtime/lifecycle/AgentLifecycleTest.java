package dev.agentdispatch.runtime.lifecycle;

import static dev.agentdispatch.runtime.lifecycle.AgentStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.runtime.clock.ManualClock;
import java.util.EnumSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentLifecycleTest {
  static final Map<AgentStatus, Set<AgentStatus>> TABLE =
      Map.of(
          IDLE, EnumSet.of(INITIALIZING, FAILED, CANCELLED),
          INITIALIZING, EnumSet.of(WAITING_FOR_INPUT, RUNNING, FAILED, CANCELLED),
          WAITING_FOR_INPUT, EnumSet.of(RUNNING, FAILED, CANCELLED),
          RUNNING, EnumSet.of(WAITING_FOR_INPUT, COMPLETED, FAILED, CANCELLED),
          COMPLETED, EnumSet.noneOf(AgentStatus.class),
          FAILED, EnumSet.noneOf(AgentStatus.class),
          CANCELLED, EnumSet.noneOf(AgentStatus.class));

  private final ManualClock clock = new ManualClock();

  @Test
  void everyPairFollowsTheTable() {
    for (AgentStatus from : values()) {
      for (AgentStatus to : values()) {
        assertThat(from.canTransitionTo(to))
            .as(from + "→" + to)
            .isEqualTo(TABLE.get(from).contains(to));
      }
    }
    assertThat(EnumSet.allOf(AgentStatus.class).stream().filter(AgentStatus::isTerminal))
        .containsExactlyInAnyOrder(COMPLETED, FAILED, CANCELLED);
    assertThat(WAITING_FOR_INPUT.value()).isEqualTo("waiting_for_input");
  }

  @Test
  void aStatusParsesFromItsWireValue() {
    for (AgentStatus s : values()) {
      assertThat(AgentStatus.fromValue(s.value())).isEqualTo(s);
    }
    assertThat(AgentStatus.fromValue("waiting_for_input")).isEqualTo(WAITING_FOR_INPUT);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AgentStatus.fromValue("RUNNING"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("status must be a valid AgentStatus: RUNNING");
  }

  @Test
  void workerRecordsEventsAndLastError() {
    AgentWorker w = new AgentWorker("w1", "r", "p", Optional.empty(), clock);
    w.transition(INITIALIZING);
    w.transition(RUNNING);
    w.transition(FAILED, Optional.of("kaboom"));
    assertThat(w.events()).extracting(AgentWorkerEvent::seq).containsExactly(1, 2, 3);
    assertThat(w.events().get(2).kind()).isEqualTo("failed");
    assertThat(w.lastError()).get().extracting(m -> m.get("message")).isEqualTo("kaboom");
    assertThatThrownBy(() -> w.transition(RUNNING))
        .isInstanceOf(InvalidTransitionException.class)
        .hasMessage("Invalid transition: failed → running");
    assertThat(w.toMap())
        .containsKeys(
            "worker_id",
            "role",
            "phase",
            "project_id",
            "status",
            "events",
            "retry_count",
            "last_error",
            "provider_used",
            "created_at",
            "updated_at");
  }

  @Test
  void registry() {
    AgentRegistry reg = new AgentRegistry(clock);
    AgentWorker a = reg.create("coder", "build", Optional.of(7L));
    assertThat(a.workerId()).matches("coder-build-[0-9a-f]{8}");
    AgentWorker b = reg.create("coder", "build", Optional.empty());
    reg.transition(a.workerId(), CANCELLED, Optional.empty());
    assertThat(reg.listActive()).containsExactly(b);
    assertThat(reg.getByRolePhase("coder", "build")).contains(b);
    assertThat(reg.getByProject(7)).containsExactly(a);
    assertThatThrownBy(() -> reg.transition("nope", RUNNING, Optional.empty()))
        .isInstanceOf(NoSuchElementException.class);
    reg.clear();
    assertThat(reg.get(a.workerId())).isEmpty();
  }
}
