package dev.agentdispatch.sdk.worker;

import static java.util.Objects.requireNonNull;

import dev.agentdispatch.sdk.json.Normalize;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The frozen settings of a {@link Worker}, validated once when built.
 *
 * @param agent the agent served
 * @param workerId this worker's id, unique among the agent's workers
 * @param description the agent's description, sent at registration
 * @param version the agent's version label, sent at registration
 * @param concurrency the most handlers running at once, 1..1000
 * @param leaseSeconds the lease length; heartbeats go every third of it
 * @param pollWait how long one lease request may wait for work, at most 60 s
 * @param gracePeriod how long {@link Worker#stop()} lets running handlers finish
 * @param completionLinger how long a finished result waits for others to share its request
 * @param maxBatch the most results in one request
 * @param virtualThreads whether handlers may run on virtual threads when the JVM has them
 */
public record WorkerConfig(
    String agent,
    String workerId,
    Optional<String> description,
    Optional<String> version,
    int concurrency,
    int leaseSeconds,
    Duration pollWait,
    Duration gracePeriod,
    Duration completionLinger,
    int maxBatch,
    boolean virtualThreads) {

  private static final Pattern AGENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  /** Validates every setting; the messages name the bad value. */
  public WorkerConfig {
    Normalize.requireText(agent, "agent");
    if (!AGENT.matcher(agent).matches()) {
      throw new IllegalArgumentException(
          "agent must match " + AGENT.pattern() + ", got '" + agent + "'");
    }
    Normalize.requireText(workerId, "workerId");
    description = Normalize.optional(description);
    version = Normalize.optional(version);
    requireRange(concurrency, 1, 1000, "concurrency");
    requireRange(leaseSeconds, 3, 3600, "leaseSeconds");
    requireRange(
        requireNonNull(pollWait, "pollWait is null").toMillis(), 0, 60_000, "pollWait (ms)");
    requireRange(
        requireNonNull(gracePeriod, "gracePeriod is null").toMillis(),
        0,
        Long.MAX_VALUE,
        "gracePeriod (ms)");
    requireRange(
        requireNonNull(completionLinger, "completionLinger is null").toMillis(),
        0,
        1000,
        "completionLinger (ms)");
    requireRange(maxBatch, 1, 1000, "maxBatch");
  }

  /**
   * Returns the interval between heartbeats: a third of the lease, so two can fail before the lease
   * expires.
   *
   * @return the heartbeat interval
   */
  public Duration heartbeatInterval() {
    return Duration.ofMillis(leaseSeconds * 1000L / 3);
  }

  private static void requireRange(long value, long min, long max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name
              + " must be in "
              + min
              + ".."
              + (max == Long.MAX_VALUE ? "" : max)
              + ", got "
              + value);
    }
  }
}
