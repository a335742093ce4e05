package dev.agentdispatch.core.agent;

import java.util.Objects;

/**
 * When an execution class (the agent's default lane, or one of its lanes) counts as degraded, and
 * what that does to its dispatch. A class is degraded after {@code afterFailures} consecutive
 * failed attempts (an error, a lapsed lease, a timeout); one completed attempt, or an operator's
 * reset, clears it.
 */
public record DegradePolicy(int afterFailures, Mode mode) {
  /** What a degraded class's dispatch does. */
  public enum Mode {
    /** Nothing of the class is leased until an operator resets it. */
    PAUSE,
    /** One attempt of the class at a time, so a success can clear it. */
    SLOW
  }

  public DegradePolicy {
    Objects.requireNonNull(mode, "mode is null");
    if (afterFailures < 1 || afterFailures > 10_000) {
      throw new IllegalArgumentException(
          "degrade.after_failures must be between 1 and 10000, got " + afterFailures);
    }
  }
}
