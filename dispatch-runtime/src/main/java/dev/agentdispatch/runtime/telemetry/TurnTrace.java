package dev.agentdispatch.runtime.telemetry;

import dev.agentdispatch.runtime.usage.UsageSnapshot;
import java.util.Optional;

/** The trace of one model turn: an {@link OperationTrace} that also learns the turn's usage. */
public interface TurnTrace extends OperationTrace {
  /**
   * The usage of the turn, as the session resolved it, before budgets and limits are checked.
   *
   * @param model the priced model; empty when the turn named no model (then nothing is priced)
   * @param provider the provider the turn ended on (recovery may have switched it)
   * @param costUsd the turn's cost from the session's pricing; 0 when unpriced
   */
  void usage(String model, Optional<String> provider, UsageSnapshot usage, double costUsd);

  /** The model that actually answered, when the turn's options can tell it. */
  void responseModel(String model);
}
