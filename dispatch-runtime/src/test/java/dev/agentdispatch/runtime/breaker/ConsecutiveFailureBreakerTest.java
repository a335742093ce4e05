package dev.agentdispatch.runtime.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.runtime.clock.ManualClock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class ConsecutiveFailureBreakerTest {
  private final ManualClock clock = new ManualClock();

  private CircuitBreaker breaker(int threshold, int probes) {
    return new ConsecutiveFailureBreaker(
        new CircuitBreakerConfig("llm", threshold, Duration.ofSeconds(60), probes), clock);
  }

  private static Object fail(CircuitBreaker b) {
    try {
      return b.call(() -> {
        throw new IllegalStateException("boom");
      });
    } catch (IllegalStateException expected) {
      return null;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void defaults() {
    CircuitBreakerConfig c = CircuitBreakerConfig.defaults("x");
    assertThat(c.failureThreshold()).isEqualTo(5);
    assertThat(c.recoveryTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.halfOpenMaxProbes()).isEqualTo(1);
    assertThat(CircuitState.HALF_OPEN.value()).isEqualTo("half_open");
  }

  @Test
  void opensAfterThresholdConsecutiveFailuresAndSuccessResets() throws Exception {
    CircuitBreaker b = breaker(3, 1);
    fail(b);
    fail(b);
    assertThat(b.call(() -> "ok")).isEqualTo("ok");
    assertThat(b.failureCount()).isZero();
    fail(b);
    fail(b);
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
    fail(b);
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
    assertThat(b.isOpen()).isTrue();
    assertThatThrownBy(() -> b.call(() -> "x"))
        .isInstanceOf(CircuitOpenException.class)
        .hasMessage("Circuit breaker 'llm' is OPEN");
  }

  @Test
  void halfOpenExactlyAtTheTimeoutAndProbeSuccessCloses() throws Exception {
    CircuitBreaker b = breaker(1, 1);
    fail(b);
    clock.advance(Duration.ofSeconds(60).minusNanos(1));
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
    clock.advance(Duration.ofNanos(1));
    assertThat(b.state()).isEqualTo(CircuitState.HALF_OPEN); // lazy view, >= comparison
    assertThat(b.call(() -> "probe")).isEqualTo("probe");
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
    assertThat(b.failureCount()).isZero();
  }

  @Test
  void failedProbeReopensAndRestartsTheTimeout() {
    CircuitBreaker b = breaker(1, 1);
    fail(b);
    clock.advanceSeconds(60);
    fail(b);
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
    clock.advanceSeconds(59);
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
    clock.advanceSeconds(1);
    assertThat(b.state()).isEqualTo(CircuitState.HALF_OPEN);
  }

  @Test
  void probesBeyondTheMaximumAreRefusedWhileOneIsInFlight() throws Exception {
    CircuitBreaker b = breaker(1, 2);
    fail(b);
    clock.advanceSeconds(60);
    // A probe that, while in flight, sees a second probe admitted and a third refused.
    String out =
        b.call(() -> {
          assertThat(b.call(() -> "second")).isEqualTo("second");
          assertThat(b.state()).isEqualTo(CircuitState.HALF_OPEN); // one probe still in flight
          return "first";
        });
    assertThat(out).isEqualTo("first");
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);

    fail(b);
    clock.advanceSeconds(60);
    b.call(() -> {
      b.call(() -> {
        assertThatThrownBy(() -> b.call(() -> "third")).isInstanceOf(CircuitOpenException.class);
        return null;
      });
      return null;
    });
  }

  @Test
  void abortReleasesThePermitWithoutCountingAFailure() throws Exception {
    ConsecutiveFailureBreaker b = (ConsecutiveFailureBreaker) breaker(1, 1);
    fail(b);
    clock.advanceSeconds(60);
    assertThatThrownBy(() ->
            b.call(() -> {
              throw new CancellationException("stop");
            }))
        .isInstanceOf(CancellationException.class);
    assertThat(b.state()).isEqualTo(CircuitState.HALF_OPEN);
    assertThat(b.probesInFlight()).isZero();
    assertThat(b.failureCount()).isEqualTo(1);
    assertThat(b.call(() -> "ok")).isEqualTo("ok");
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void recordFailureAndSuccessOutsideCallAndReset() {
    CircuitBreaker b = breaker(2, 1);
    b.recordFailure();
    b.recordSuccess();
    b.recordFailure();
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
    b.recordFailure();
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
    b.recordFailure(); // keeps counting while open
    assertThat(b.failureCount()).isEqualTo(3);
    b.reset();
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
    assertThat(b.failureCount()).isZero();
  }

  @Test
  void zeroRecoveryTimeoutGoesStraightToHalfOpen() throws Exception {
    CircuitBreaker b =
        new ConsecutiveFailureBreaker(new CircuitBreakerConfig("z", 1, Duration.ZERO, 1), clock);
    fail(b);
    assertThat(b.state()).isEqualTo(CircuitState.HALF_OPEN);
    assertThat(b.call(() -> 1)).isEqualTo(1);
  }

  @Test
  void configValidation() {
    assertThatThrownBy(() -> new CircuitBreakerConfig("x", 0, Duration.ZERO, 1))
        .hasMessageContaining("failure_threshold must be > 0");
    assertThatThrownBy(() -> new CircuitBreakerConfig("x", 1, Duration.ofSeconds(-1), 1))
        .hasMessageContaining("recovery_timeout_seconds must be >= 0");
    assertThatThrownBy(() -> new CircuitBreakerConfig("x", 1, Duration.ZERO, 0))
        .hasMessageContaining("half_open_max_probes must be > 0");
  }
}
