package dev.agentdispatch.sdk.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.sdk.model.Lease;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.NullNode;

class RunningLeaseTest {
  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  static Lease lease(String id, String function) {
    return new Lease(
        id,
        "inv-" + id,
        "agent",
        function,
        NullNode.getInstance(),
        1,
        3,
        "trace",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  @Test
  void onlyTheFirstTransitionWins() {
    RunningLease running = new RunningLease(lease("l", "f"));

    assertThat(running.cancel()).isTrue();
    assertThat(running.finish()).isFalse();
    assertThat(running.lose()).isFalse();
    assertThat(running.state()).isEqualTo(RunningLease.State.CANCELLED);
    assertThat(running.isStopRequested()).isTrue();
  }

  @Test
  void finishedLeaseCannotBeCancelled() {
    RunningLease running = new RunningLease(lease("l", "f"));

    assertThat(running.finish()).isTrue();
    assertThat(running.cancel()).isFalse();
    assertThat(running.isStopRequested()).isFalse();
  }

  @Test
  void stoppingInterruptsTheAttachedThreadButNotADetachedOne() {
    RunningLease attached = new RunningLease(lease("a", "f"));
    attached.attach(Thread.currentThread());
    attached.lose();
    assertThat(Thread.interrupted()).isTrue();

    RunningLease detached = new RunningLease(lease("d", "f"));
    detached.attach(Thread.currentThread());
    detached.detach();
    detached.abandon();
    assertThat(Thread.interrupted()).isFalse();
  }
}
