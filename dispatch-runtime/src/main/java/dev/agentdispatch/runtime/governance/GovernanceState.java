package dev.agentdispatch.runtime.governance;

import dev.agentdispatch.runtime.internal.Checks;

/** The counters governance limits watch, for one session. Thread-safe. */
public final class GovernanceState {
  /** A consistent copy of the counters. */
  public record Snapshot(long turns, long toolCalls, long consecutiveFailures, double costUsd) {}

  private long turns;
  private long toolCalls;
  private long consecutiveFailures;
  private double costUsd;

  public synchronized void recordTurnStart() {
    turns++;
  }

  public synchronized void recordToolCall() {
    toolCalls++;
  }

  /** A turn failed: one more failure in a row. */
  public synchronized void recordFailure() {
    consecutiveFailures++;
  }

  /** A turn succeeded: the run of failures is over. */
  public synchronized void recordSuccess() {
    consecutiveFailures = 0;
  }

  /** Adds a turn's cost; {@code delta} must be finite and >= 0. */
  public synchronized void recordCost(double delta) {
    costUsd += Checks.nonNegative(delta, "delta");
  }

  public synchronized Snapshot snapshot() {
    return new Snapshot(turns, toolCalls, consecutiveFailures, costUsd);
  }
}
