package dev.agentdispatch.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.core.invocation.InvocationStatus;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SessionInputPolicyTest {
  @Property
  void anIdleSessionAlwaysStartsARun(@ForAll InputStrategy strategy) {
    assertThat(SessionInputPolicy.decide(strategy, Optional.empty()))
        .isInstanceOf(InputDecision.StartRun.class);
  }

  @Property
  void aWaitingRunIsResumedUnlessTheInputReplacesIt(@ForAll InputStrategy strategy) {
    InputDecision d =
        SessionInputPolicy.decide(strategy, Optional.of(InvocationStatus.WAITING_FOR_INPUT));
    boolean replaces = strategy == InputStrategy.INTERRUPT || strategy == InputStrategy.ROLLBACK;
    assertThat(d instanceof InputDecision.Resume).isEqualTo(!replaces);
  }

  @Property
  void terminalRunsAreNeverActive(@ForAll InvocationStatus status, @ForAll InputStrategy strategy) {
    if (status.terminal()) {
      assertThatThrownBy(() -> SessionInputPolicy.decide(strategy, Optional.of(status)))
          .isInstanceOf(IllegalArgumentException.class);
    } else {
      assertThat(SessionInputPolicy.isActive(status)).isTrue();
    }
  }

  @Test
  void aBusyRunGetsTheTableOfDesignSection8() {
    Optional<InvocationStatus> running = Optional.of(InvocationStatus.RUNNING);
    assertThat(SessionInputPolicy.decide(InputStrategy.REJECT, running).outcome())
        .isEqualTo(InputOutcome.REJECTED);
    assertThat(SessionInputPolicy.decide(InputStrategy.ENQUEUE, running).outcome())
        .isEqualTo(InputOutcome.QUEUED);
    assertThat(SessionInputPolicy.decide(InputStrategy.INTERRUPT, running).outcome())
        .isEqualTo(InputOutcome.INTERRUPTED);
    assertThat(SessionInputPolicy.decide(InputStrategy.ROLLBACK, running).outcome())
        .isEqualTo(InputOutcome.ROLLED_BACK);
    assertThat(SessionInputPolicy.decide(InputStrategy.STEER, running).outcome())
        .isEqualTo(InputOutcome.STEERED);
    assertThat(
            SessionInputPolicy.decide(InputStrategy.STEER, Optional.of(InvocationStatus.PENDING)))
        .isInstanceOf(InputDecision.Steer.class);
  }

  @Test
  void strategiesParseCaseInsensitivelyAndUnknownOnesAreEmpty() {
    assertThat(InputStrategy.parse("Rollback")).contains(InputStrategy.ROLLBACK);
    assertThat(InputStrategy.parse("collect")).isEmpty();
    assertThat(InputStrategy.DEFAULT).isEqualTo(InputStrategy.ENQUEUE);
  }
}
