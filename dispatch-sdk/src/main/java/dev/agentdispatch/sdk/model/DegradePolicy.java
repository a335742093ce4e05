package dev.agentdispatch.sdk.model;

/**
 * When the server counts an execution class of an agent (one of its lanes, or the default lane) as
 * degraded, and what that does: after {@code afterFailures} consecutive failed attempts of the
 * class (an error, a lapsed lease, an attempt or overall timeout; a cancel counts neither way) it
 * is paused or slowed, per {@link DegradeMode}. Only a completed attempt or an operator's reset
 * clears the count; it never decays with time. Becoming degraded and recovering are published on
 * the topics {@code flow.class.degraded} and {@code flow.class.recovered} ({@code {agent, lane,
 * failures}}), and show in {@link FlowState#classes()}. Sent as the agent's {@code degrade}.
 *
 * @param afterFailures consecutive failed attempts that degrade a class, 1..10,000
 * @param mode what a degraded class's dispatch does; {@code null} reads as {@link
 *     DegradeMode#PAUSE}, the server's default
 */
public record DegradePolicy(int afterFailures, DegradeMode mode) {
  /** The most consecutive failures the server accepts as a threshold. */
  public static final int MAX_AFTER_FAILURES = 10_000;

  /** Checks the threshold the server accepts. */
  public DegradePolicy {
    if (afterFailures < 1 || afterFailures > MAX_AFTER_FAILURES) {
      throw new IllegalArgumentException(
          "afterFailures must be in 1.." + MAX_AFTER_FAILURES + ", got " + afterFailures);
    }
    mode = mode == null ? DegradeMode.PAUSE : mode;
  }
}
