package dev.agentdispatch.runtime.retry;

/**
 * Performs (or pretends to perform) one attempt of a recovery step and says whether it succeeded.
 * {@link #BOOKKEEPING} is the Python library's default: every step succeeds and nothing happens,
 * the caller applies the steps. Tests plug in failing runners (the {@code _fail_at_attempt} seam);
 * the {@code RecoveryExecutor} plugs in one that really acts.
 */
@FunctionalInterface
public interface StepRunner {

  /** Every step succeeds without side effects. */
  StepRunner BOOKKEEPING = (scenario, step, stepIndex, attempt) -> true;

  /**
   * Runs attempt {@code attempt} (1-based) of the step at {@code stepIndex}.
   *
   * @return true when the step succeeded
   */
  boolean run(FailureScenario scenario, RecoveryStep step, int stepIndex, int attempt);

  /** A runner where every step at index {@code >= index} fails (the {@code _fail_at_step} seam). */
  static StepRunner failAtStep(int index) {
    return (scenario, step, stepIndex, attempt) -> stepIndex < index;
  }
}
