package dev.agentdispatch.runtime.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final int SAMPLES = 5_000;
  private final RandomGenerator random = new SplittableRandom(42);

  @Test
  void noneIsTheCappedExponential() {
    assertThat(Backoff.delay(0, 2.0, JitterMode.NONE, 60.0, 0, random)).isEqualTo(1.0);
    assertThat(Backoff.delay(3, 2.0, JitterMode.NONE, 60.0, 0, random)).isEqualTo(8.0);
    assertThat(Backoff.delay(6, 2.0, JitterMode.NONE, 60.0, 0, random)).isEqualTo(60.0);
    assertThat(Backoff.delay(5000, 2.0, JitterMode.NONE, 60.0, 0, random))
        .isEqualTo(60.0); // overflow → cap
  }

  @Test
  void fullStaysWithinZeroAndCapExp() {
    double min = Double.MAX_VALUE;
    double max = 0;
    for (int i = 0; i < SAMPLES; i++) {
      double d = Backoff.delay(3, 2.0, JitterMode.FULL, 60.0, 0, random);
      assertThat(d).isBetween(0.0, 8.0);
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    assertThat(min).isLessThan(0.5); // the whole range is used
    assertThat(max).isGreaterThan(7.5);
  }

  @Test
  void equalStaysWithinHalfAndCapExp() {
    for (int i = 0; i < SAMPLES; i++) {
      assertThat(Backoff.delay(4, 2.0, JitterMode.EQUAL, 60.0, 0, random)).isBetween(8.0, 16.0);
      assertThat(Backoff.delay(10, 2.0, JitterMode.EQUAL, 60.0, 0, random)).isBetween(30.0, 60.0);
    }
  }

  @Test
  void decorrelatedIgnoresAttemptAndNeverGoesBelowBase() {
    for (int i = 0; i < SAMPLES; i++) {
      assertThat(Backoff.delay(0, 2.0, JitterMode.DECORRELATED, 60.0, 0, random))
          .isBetween(2.0, 6.0);
      assertThat(Backoff.delay(9, 2.0, JitterMode.DECORRELATED, 60.0, 0, random))
          .isBetween(2.0, 6.0);
      assertThat(Backoff.delay(1, 2.0, JitterMode.DECORRELATED, 60.0, 10.0, random))
          .isBetween(2.0, 30.0);
      assertThat(Backoff.delay(1, 2.0, JitterMode.DECORRELATED, 60.0, 50.0, random))
          .isBetween(2.0, 60.0);
    }
  }

  @Test
  void decorrelatedWithBaseAboveCapReturnsCap() {
    assertThat(Backoff.delay(0, 10.0, JitterMode.DECORRELATED, 5.0, 0, random)).isEqualTo(5.0);
  }

  @Test
  void defaultsAreDecorrelatedBase2Cap60() {
    assertThat(BackoffPolicy.DEFAULT)
        .isEqualTo(new BackoffPolicy(2.0, 60.0, JitterMode.DECORRELATED));
    for (int i = 0; i < 100; i++) {
      assertThat(Backoff.delay(0, random)).isBetween(2.0, 6.0);
    }
  }

  @Test
  void validation() {
    assertThatThrownBy(() -> Backoff.delay(-1, 2.0, JitterMode.NONE, 60, 0, random))
        .hasMessageContaining("attempt must be >= 0");
    assertThatThrownBy(() -> Backoff.delay(0, 0, JitterMode.NONE, 60, 0, random))
        .hasMessageContaining("base must be > 0");
    assertThatThrownBy(() -> Backoff.delay(0, 2, JitterMode.NONE, 0, 0, random))
        .hasMessageContaining("cap must be > 0");
    assertThatThrownBy(() -> Backoff.delay(0, 2, JitterMode.NONE, 60, -1, random))
        .hasMessageContaining("prev_delay must be >= 0");
    assertThatThrownBy(() -> Backoff.delay(0, Double.NaN, JitterMode.NONE, 60, 0, random))
        .hasMessage("base must be finite");
    assertThatThrownBy(() -> JitterMode.fromValue("wobbly"))
        .hasMessageContaining("unknown jitter mode");
    assertThat(JitterMode.fromBoolean(true)).isEqualTo(JitterMode.FULL);
    assertThat(JitterMode.fromBoolean(false)).isEqualTo(JitterMode.NONE);
    assertThat(JitterMode.fromValue("equal")).isEqualTo(JitterMode.EQUAL);
  }

  @Test
  void helpers() {
    assertThat(RecoveryHelpers.nextProvider(java.util.List.of("a", "b"), "a")).contains("b");
    assertThat(RecoveryHelpers.nextProvider(java.util.List.of("a"), "a")).isEmpty();
    assertThat(RecoveryHelpers.smallerContextBudget(1000)).isEqualTo(750);
    assertThat(RecoveryHelpers.smallerContextBudget(999, 0.5)).isEqualTo(499);
    assertThatThrownBy(() -> RecoveryHelpers.smallerContextBudget(10, 1.5))
        .hasMessageContaining("[0, 1]");
  }
}
