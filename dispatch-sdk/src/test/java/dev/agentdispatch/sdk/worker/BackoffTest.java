package dev.agentdispatch.sdk.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void delaysDoubleUpToTheMaximumAndStayWithinHalfAndFullStep() {
    Backoff low = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(4), () -> 0.0);
    Backoff high = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(4), () -> 0.999999);

    assertThat(low.next()).isEqualTo(Duration.ofMillis(250));
    assertThat(high.next()).isEqualTo(Duration.ofMillis(499));
    assertThat(low.next()).isEqualTo(Duration.ofMillis(500));
    low.next();
    low.next();
    assertThat(low.next()).isEqualTo(Duration.ofMillis(2000)); // capped step 4000, half of it
  }

  @Test
  void resetStartsOver() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), () -> 0.0);
    backoff.next();
    backoff.next();

    backoff.reset();

    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(50));
  }
}
