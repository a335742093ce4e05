package dev.agentdispatch.server.delivery;

import dev.agentdispatch.store.invocation.Completion;
import dev.agentdispatch.store.invocation.NewEvent;
import java.util.List;
import java.util.Objects;

/**
 * How one push ended: the report to make, whether the agent itself answered (a sign of life, unlike
 * a refused connection or a timeout), and the entries to append to the invocation's log under the
 * lease before the report (what a later attempt of the same run reads back, e.g. the remote A2A
 * task a run waits on).
 */
record PushOutcome(Completion report, boolean agentAnswered, List<NewEvent> log) {
  PushOutcome {
    Objects.requireNonNull(report, "report is null");
    log = List.copyOf(Objects.requireNonNull(log, "log is null"));
  }

  static PushOutcome answered(Completion report) {
    return new PushOutcome(report, true, List.of());
  }

  static PushOutcome answered(Completion report, List<NewEvent> log) {
    return new PushOutcome(report, true, log);
  }

  static PushOutcome unanswered(Completion report) {
    return new PushOutcome(report, false, List.of());
  }
}
