package dev.agentdispatch.sdk.model;

import dev.agentdispatch.sdk.json.Normalize;
import java.time.Duration;
import java.util.Optional;

/**
 * A function's debounce, enforced by the server when invocations are created: a burst of
 * invocations of the function with the same {@code debounce_key} ({@link
 * dev.agentdispatch.sdk.client.InvokeOptionsBuilder#debounceKey(String)}; without one, all of the
 * function's invocations form one burst) runs once, with the last payload. Each new invocation
 * waits {@code periodSeconds} and supersedes the one of its burst still waiting unstarted: that one
 * is cancelled, with a {@code debounced} entry naming its successor in its log. With {@code
 * maxWaitSeconds} a steady stream still runs that long after its first invocation. Debounced
 * functions are refused in {@code /invocations/batch}; event fan-out and schedule fires are not
 * debounced. Sent as the function's {@code debounce}.
 *
 * @param periodSeconds the quiet period after the last invocation of a burst, 1..86,400
 * @param maxWaitSeconds the longest a burst waits from its first invocation, {@code
 *     periodSeconds}..604,800; empty for as long as the burst goes on
 */
public record Debounce(int periodSeconds, Optional<Integer> maxWaitSeconds) {
  /** The longest period the server accepts, in seconds (a day). */
  public static final int MAX_PERIOD_SECONDS = 86_400;

  /** The longest maximum wait the server accepts, in seconds (a week). */
  public static final int MAX_WAIT_SECONDS = 604_800;

  /** Checks the bounds the server enforces. */
  public Debounce {
    if (periodSeconds < 1 || periodSeconds > MAX_PERIOD_SECONDS) {
      throw new IllegalArgumentException(
          "periodSeconds must be in 1.." + MAX_PERIOD_SECONDS + ", got " + periodSeconds);
    }
    maxWaitSeconds = Normalize.optional(maxWaitSeconds);
    maxWaitSeconds
        .filter(m -> m < periodSeconds || m > MAX_WAIT_SECONDS)
        .ifPresent(m -> {
          throw new IllegalArgumentException(
              "maxWaitSeconds must be in "
                  + periodSeconds
                  + " (the period).."
                  + MAX_WAIT_SECONDS
                  + ", got "
                  + m);
        });
  }

  /**
   * Creates a debounce of {@code period} without a maximum wait.
   *
   * @param period whole seconds, 1 s .. 1 day
   * @return the debounce
   */
  public static Debounce of(Duration period) {
    return new Debounce(seconds(period, "period"), Optional.empty());
  }

  /**
   * Returns a copy that runs a steady stream at the latest {@code maxWait} after its first
   * invocation.
   *
   * @param maxWait whole seconds, the period .. 7 days
   * @return the new debounce
   */
  public Debounce withMaxWait(Duration maxWait) {
    return new Debounce(periodSeconds, Optional.of(seconds(maxWait, "maxWait")));
  }

  /**
   * Returns the period as a duration.
   *
   * @return the quiet period
   */
  public Duration period() {
    return Duration.ofSeconds(periodSeconds);
  }

  /**
   * Returns the maximum wait as a duration.
   *
   * @return the maximum wait, or empty when there is none
   */
  public Optional<Duration> maxWait() {
    return maxWaitSeconds.map(Duration::ofSeconds);
  }

  private static int seconds(Duration value, String name) {
    if (value == null || value.getNano() != 0) {
      throw new IllegalArgumentException(name + " must be whole seconds, got " + value);
    }
    if (value.getSeconds() < 1 || value.getSeconds() > MAX_WAIT_SECONDS) {
      throw new IllegalArgumentException(
          name + " must be between 1s and 7 days, got " + value.getSeconds() + "s");
    }
    return (int) value.getSeconds();
  }
}
