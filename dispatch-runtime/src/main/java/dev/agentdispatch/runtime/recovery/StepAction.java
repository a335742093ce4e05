package dev.agentdispatch.runtime.recovery;

import dev.agentdispatch.runtime.retry.FailureScenario;

/**
 * A user-supplied implementation of one recovery step (e.g. {@code restart_agent} clearing the
 * agent's scratch state, {@code reduce_tool_set} dropping optional tools).
 */
@FunctionalInterface
public interface StepAction {
  /**
   * @return true when the step succeeded
   */
  boolean perform(FailureScenario scenario, int attempt) throws Exception;
}
