package dev.agentdispatch.runtime.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.runtime.clock.ManualClock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private final ManualClock clock = new ManualClock();

  @Test
  void startsFullAndRefillsContinuously() {
    TokenBucket b = new TokenBucket("rpm", 2, 1, clock);
    assertThat(b.tryAcquire(0)).isTrue();
    assertThat(b.tryAcquire(2)).isTrue();
    assertThat(b.tryAcquire(1)).isFalse();
    clock.advanceSeconds(0.5);
    assertThat(b.available()).isEqualTo(0.5);
    clock.advanceSeconds(10);
    assertThat(b.available()).isEqualTo(2.0);
  }

  @Test
  void acquireWaitsThroughTheClockInSlices() throws Exception {
    TokenBucket b = new TokenBucket("rpm", 1, 10, clock);
    b.acquire(1, Optional.empty());
    b.acquire(1, Optional.empty()); // needs 0.1 s: two slices of at most 50 ms
    assertThat(clock.sleeps())
        .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMillis(50)));
    assertThat(clock.sleeps()).isNotEmpty();
  }

  @Test
  void acquireFailsFastWhenImpossible() {
    TokenBucket b = new TokenBucket("tpm", 5, 1, clock);
    assertThatThrownBy(() -> b.acquire(6, Optional.empty()))
        .isInstanceOf(RateLimitExceededException.class);
    assertThat(b.tryAcquire(5)).isTrue();
    assertThatThrownBy(() -> b.acquire(3, Optional.of(Duration.ofSeconds(1))))
        .isInstanceOf(RateLimitExceededException.class)
        .hasMessageContaining("'tpm'");
    assertThat(clock.sleeps())
        .isEmpty(); // the 3 s wait exceeds the 1 s remaining: no waiting at all
  }

  @Test
  void limiterUsesWellKnownBuckets() throws Exception {
    TokenBucket rpm = new TokenBucket("rpm", 1, 1, clock);
    TokenBucket in = new TokenBucket("in", 100, 1, clock);
    RateLimiter limiter = new RateLimiter(Map.of(RateLimiter.RPM, rpm, RateLimiter.INPUT_TPM, in));
    limiter.acquirePreCall();
    assertThat(rpm.available()).isZero();
    limiter.acquireUsage(40, 1000); // no output bucket: skipped
    assertThat(in.available()).isEqualTo(60);
    new RateLimiter(Map.of()).acquireUsage(1, 1);
    assertThatThrownBy(() -> new RateLimiter(Map.of()).acquireUsage(-1, 0))
        .hasMessageContaining("input_tokens");
  }
}
