package dev.agentdispatch.runtime.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.runtime.clock.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class Resilience4jBreakerTest {
  private final ManualClock clock = new ManualClock();
  private final CircuitBreaker b =
      new Resilience4jBreaker(new CircuitBreakerConfig("r4j", 3, Duration.ofSeconds(60), 1), clock);

  private void fail() {
    assertThatThrownBy(() ->
            b.call(() -> {
              throw new IllegalStateException("boom");
            }))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void consecutiveFailuresOpenAndASuccessBreaksTheRun() throws Exception {
    fail();
    fail();
    b.call(() -> "ok");
    fail();
    fail();
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
    fail();
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
    assertThatThrownBy(() -> b.call(() -> "x"))
        .isInstanceOf(CircuitOpenException.class)
        .hasMessage("Circuit breaker 'r4j' is OPEN");
  }

  @Test
  void probeAfterTheWaitClosesOrReopens() throws Exception {
    fail();
    fail();
    fail();
    clock.advance(Duration.ofSeconds(60).plusMillis(1)); // Resilience4j needs strictly after
    assertThat(b.call(() -> "probe")).isEqualTo("probe");
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
    fail();
    fail();
    fail();
    clock.advance(Duration.ofSeconds(61));
    fail();
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
  }
}
