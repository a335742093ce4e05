package dev.agentdispatch.core.invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class RetryPolicyPropertiesTest {

  @Property(tries = 300)
  void backoffStaysWithinItsJitterBounds(
      @ForAll @IntRange(min = 2, max = 40) int nextAttempt,
      @ForAll @LongRange(min = 0, max = 10_000) long initial,
      @ForAll @DoubleRange(min = 1.0, max = 4.0) double multiplier,
      @ForAll @DoubleRange(min = 0.0, max = 0.99) double random,
      @ForAll Jitter jitter) {
    RetryPolicy policy = new RetryPolicy(3, initial, multiplier, 60_000, jitter, List.of());
    long capped = (long) Math.min(60_000, initial * Math.pow(multiplier, nextAttempt - 2));
    long delay = policy.backoffBefore(nextAttempt, () -> random).toMillis();
    long lower =
        switch (jitter) {
          case NONE -> capped;
          case EQUAL -> capped / 2;
          case FULL -> 0;
        };
    assertThat(delay).isBetween(lower, capped);
  }

  @Property(tries = 50)
  void invalidPoliciesAreRefusedWithTheFieldName(
      @ForAll @IntRange(min = -5, max = 0) int maxAttempts) {
    assertThatThrownBy(
            () -> new RetryPolicy(maxAttempts, 1000, 2.0, 60_000, Jitter.FULL, List.of()))
        .hasMessageContaining("max_attempts");
  }
}
