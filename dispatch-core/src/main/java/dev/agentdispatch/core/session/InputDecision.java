package dev.agentdispatch.core.session;

/**
 * What the store does with a new session input, as decided by {@link SessionInputPolicy}. A closed
 * set: the store switches over it exhaustively.
 */
public sealed interface InputDecision {
  /** The outcome reported to the sender. */
  InputOutcome outcome();

  /** Start a new run with the input (no run is active). */
  record StartRun() implements InputDecision {
    @Override
    public InputOutcome outcome() {
      return InputOutcome.STARTED;
    }
  }

  /** Store the input as refused; nothing else changes. */
  record Reject() implements InputDecision {
    @Override
    public InputOutcome outcome() {
      return InputOutcome.REJECTED;
    }
  }

  /** Queue the input behind the active run. */
  record Enqueue() implements InputDecision {
    @Override
    public InputOutcome outcome() {
      return InputOutcome.QUEUED;
    }
  }

  /**
   * Cancel the active run and queue the input ahead of every other queued input, so it runs the
   * moment the cancelled run has ended. With {@code rollback} the state goes back to the revision
   * before the run.
   */
  record CancelActiveAndRunNext(boolean rollback) implements InputDecision {
    @Override
    public InputOutcome outcome() {
      return rollback ? InputOutcome.ROLLED_BACK : InputOutcome.INTERRUPTED;
    }
  }

  /**
   * Hand the input to the active run; it falls back to the queue if the run ends without taking it.
   */
  record Steer() implements InputDecision {
    @Override
    public InputOutcome outcome() {
      return InputOutcome.STEERED;
    }
  }

  /** The active run waits for input: this input resumes it. */
  record Resume() implements InputDecision {
    @Override
    public InputOutcome outcome() {
      return InputOutcome.RESUMED;
    }
  }
}
