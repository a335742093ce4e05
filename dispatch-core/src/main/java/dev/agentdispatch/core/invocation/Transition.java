package dev.agentdispatch.core.invocation;

import java.util.Objects;
import java.util.Optional;

/**
 * One legal change of an invocation, as computed by {@link InvocationStateMachine}: the store
 * persists {@code after}, closes the attempt in {@code attemptEnded} if present, and logs {@code
 * event}.
 *
 * @param event the event-log type, e.g. {@code attempt_started}, {@code completed}, {@code
 *     retry_scheduled}
 */
public record Transition(
    Invocation before, Invocation after, String event, Optional<AttemptOutcome> attemptEnded) {
  public Transition {
    Objects.requireNonNull(before, "before is null");
    Objects.requireNonNull(after, "after is null");
    Objects.requireNonNull(event, "event is null");
    Objects.requireNonNull(attemptEnded, "attemptEnded is null");
  }

  /** True when this transition made the invocation terminal. */
  public boolean becameTerminal() {
    return after.status().terminal() && !before.status().terminal();
  }
}
