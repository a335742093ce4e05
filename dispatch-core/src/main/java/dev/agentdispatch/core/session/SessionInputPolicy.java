package dev.agentdispatch.core.session;

import dev.agentdispatch.core.invocation.InvocationStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place that decides what a session input does (DESIGN §8). Pure: the store reads the
 * session's active run inside its write transaction, asks here, and applies the decision in that
 * same transaction, so two racing inputs are decided one after the other, never both against an
 * idle session.
 *
 * <table>
 *   <caption>decisions</caption>
 *   <tr><th>active run</th><th>reject</th><th>enqueue</th><th>interrupt</th><th>rollback</th><th>steer</th></tr>
 *   <tr><td>none</td><td colspan="5">start a run</td></tr>
 *   <tr><td>pending / running</td><td>reject</td><td>queue</td><td>cancel, run next</td>
 *       <td>cancel, restore state, run next</td><td>steer</td></tr>
 *   <tr><td>waiting_for_input</td><td>resume</td><td>resume</td><td>cancel, run next</td>
 *       <td>cancel, restore state, run next</td><td>resume</td></tr>
 * </table>
 *
 * <p>A waiting run asked for input, so {@code reject}, {@code enqueue} and {@code steer} all answer
 * it; {@code interrupt} and {@code rollback} still replace it, which is how a person abandons a
 * pending approval.
 */
public final class SessionInputPolicy {
  private SessionInputPolicy() {}

  /**
   * @param activeRun the status of the session's active run, or empty when it has none
   * @throws IllegalArgumentException when the "active" run has a terminal status (a store bug)
   */
  public static InputDecision decide(InputStrategy strategy, Optional<InvocationStatus> activeRun) {
    Objects.requireNonNull(strategy, "strategy is null");
    Objects.requireNonNull(activeRun, "activeRun is null");
    if (activeRun.isEmpty()) {
      return new InputDecision.StartRun();
    }
    InvocationStatus status = activeRun.get();
    if (!isActive(status)) {
      throw new IllegalArgumentException("a session's active run cannot be " + status.wire());
    }
    boolean waiting = status == InvocationStatus.WAITING_FOR_INPUT;
    return switch (strategy) {
      case REJECT -> waiting ? new InputDecision.Resume() : new InputDecision.Reject();
      case ENQUEUE -> waiting ? new InputDecision.Resume() : new InputDecision.Enqueue();
      case STEER -> waiting ? new InputDecision.Resume() : new InputDecision.Steer();
      case INTERRUPT -> new InputDecision.CancelActiveAndRunNext(false);
      case ROLLBACK -> new InputDecision.CancelActiveAndRunNext(true);
    };
  }

  /** The statuses in which a run occupies its session's single active slot. */
  public static boolean isActive(InvocationStatus status) {
    return status == InvocationStatus.PENDING
        || status == InvocationStatus.RUNNING
        || status == InvocationStatus.WAITING_FOR_INPUT;
  }
}
