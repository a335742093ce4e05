package dev.agentdispatch.runtime.session;

import dev.agentdispatch.runtime.governance.GovernancePlane;
import dev.agentdispatch.runtime.governance.GovernanceState;
import dev.agentdispatch.runtime.governance.LimitOutcome;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A session's governance wiring (spec §19): what is counted when, and the events of an enforcement.
 * Before each turn a turn is counted, before each tool a tool call; after each turn a success (with
 * the turn's cost) or a failure. Every count is followed by an enforcement, which emits {@code
 * governance.alert} for each breached alert-mode limit and {@code governance.breach} just before it
 * throws for a terminate-mode one. Without a plane every method does nothing.
 */
final class SessionGovernance {
  private final Optional<GovernancePlane> plane;
  private final SessionEvents events;
  private final String role;
  private final String phase;

  SessionGovernance(SessionConfig config, SessionEvents events) {
    this.plane = config.governance().map(GovernancePlane::forSession);
    this.events = events;
    this.role = config.role();
    this.phase = config.phase();
  }

  void beforeTurn() {
    recordAndEnforce(GovernanceState::recordTurnStart);
  }

  void beforeTool() {
    recordAndEnforce(GovernanceState::recordToolCall);
  }

  void turnSucceeded(double costUsd) {
    recordAndEnforce(s -> {
      s.recordSuccess();
      s.recordCost(costUsd);
    });
  }

  /** A failed turn: counted, then enforced (a breach replaces the turn's own failure). */
  void turnFailed(RuntimeException failure) {
    try {
      recordAndEnforce(GovernanceState::recordFailure);
    } catch (RuntimeException breach) {
      breach.addSuppressed(failure);
      throw breach;
    }
  }

  /**
   * A stream its consumer cancelled counts as a failed turn, but is not enforced here: the
   * cancellation, not a breach, is what the caller sees.
   */
  void streamCancelled() {
    plane.ifPresent(p -> p.state().recordFailure());
  }

  /** The session's own plane (a fresh state), when governance is configured. */
  Optional<GovernancePlane> plane() {
    return plane;
  }

  private void recordAndEnforce(Consumer<GovernanceState> record) {
    if (plane.isEmpty()) {
      return;
    }
    record.accept(plane.get().state());
    plane.get().enforce(this::alert, this::breach);
  }

  private void alert(LimitOutcome o) {
    events.emit(events.factory().governanceAlert(role, phase, o));
  }

  private void breach(LimitOutcome o) {
    events.emit(events.factory().governanceBreach(role, phase, o));
  }
}
