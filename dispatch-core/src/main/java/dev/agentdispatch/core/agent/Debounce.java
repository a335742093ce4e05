package dev.agentdispatch.core.agent;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A burst of invocations of a function with the same debounce key collapses to the last one: each
 * new one supersedes (cancels) the one still waiting and waits {@code period} itself, so the
 * function runs once, {@code period} after the burst ends, with the last payload.
 *
 * @param maxWait a steady stream still runs this long after its first invocation at the latest;
 *     absent: it waits for a quiet {@code period} however long that takes
 */
public record Debounce(Duration period, Optional<Duration> maxWait) {
  public Debounce {
    Objects.requireNonNull(period, "period is null");
    Objects.requireNonNull(maxWait, "maxWait is null");
    if (period.toMillis() < 1_000 || period.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException(
          "debounce.period_seconds must be between 1 and 86400, got " + period.toSeconds());
    }
    maxWait.ifPresent(m -> {
      if (m.compareTo(period) < 0 || m.compareTo(Duration.ofDays(7)) > 0) {
        throw new IllegalArgumentException(
            "debounce.max_wait_seconds must be between period_seconds and 604800, got "
                + m.toSeconds());
      }
    });
  }
}
