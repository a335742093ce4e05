package dev.agentdispatch.runtime.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class BackoffPropertiesTest {

  @Property(tries = 300)
  void everyModeStaysWithinItsBounds(
      @ForAll @IntRange(min = 0, max = 200) int attempt,
      @ForAll @DoubleRange(min = 0.01, max = 10) double base,
      @ForAll @DoubleRange(min = 0.01, max = 120) double cap,
      @ForAll @DoubleRange(min = 0, max = 100) double prev,
      @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double power = Math.pow(base, attempt);
    double capExp = Double.isFinite(power) ? Math.min(cap, power) : cap;
    assertThat(Backoff.delay(attempt, base, JitterMode.NONE, cap, prev, random)).isEqualTo(capExp);
    assertThat(Backoff.delay(attempt, base, JitterMode.FULL, cap, prev, random))
        .isBetween(0.0, capExp);
    assertThat(Backoff.delay(attempt, base, JitterMode.EQUAL, cap, prev, random))
        .isBetween(capExp / 2, capExp);
    double d = Backoff.delay(attempt, base, JitterMode.DECORRELATED, cap, prev, random);
    double anchor = prev > 0 ? prev : base;
    assertThat(d).isLessThanOrEqualTo(cap);
    assertThat(d).isGreaterThanOrEqualTo(Math.min(base, cap));
    assertThat(d).isLessThanOrEqualTo(Math.max(base, anchor * 3));
  }
}
