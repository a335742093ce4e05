package dev.agentdispatch.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.runtime.clock.ManualClock;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class AgentLifecyclePropertiesTest {

  @Property(tries = 200)
  void aWorkerOnlyEverTakesLegalStepsAndTerminalIsForever(
      @ForAll @Size(max = 12) List<AgentStatus> targets) {
    AgentWorker w = new AgentWorker("w", "r", "p", Optional.empty(), new ManualClock());
    int applied = 0;
    for (AgentStatus target : targets) {
      AgentStatus before = w.status();
      if (before.canTransitionTo(target)) {
        w.transition(target);
        applied++;
        assertThat(w.status()).isEqualTo(target);
      } else {
        assertThatThrownBy(() -> w.transition(target))
            .isInstanceOf(InvalidTransitionException.class);
        assertThat(w.status()).isEqualTo(before);
      }
      if (before.isTerminal()) {
        assertThat(w.status()).isEqualTo(before);
      }
    }
    assertThat(w.events()).hasSize(applied);
  }
}
