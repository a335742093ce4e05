package dev.agentdispatch.server.delivery;

import dev.agentdispatch.store.invocation.Completion;
import java.util.Objects;

/**
 * How one push ended: the report to make, and whether the agent itself answered (a sign of life,
 * unlike a refused connection or a timeout).
 */
record PushOutcome(Completion report, boolean agentAnswered) {
  PushOutcome {
    Objects.requireNonNull(report, "report is null");
  }

  static PushOutcome answered(Completion report) {
    return new PushOutcome(report, true);
  }

  static PushOutcome unanswered(Completion report) {
    return new PushOutcome(report, false);
  }
}
