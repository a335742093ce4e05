package dev.agentdispatch.runtime.retry;

/**
 * What a recipe asks for once its attempts are exhausted. In the pure bookkeeping mode this is
 * informational only (as in the Python library); the {@code RecoveryExecutor} passes it to the
 * escalation handler.
 */
public enum EscalationPolicy {
  ALERT_HUMAN("alert_human"),
  LOG_AND_CONTINUE("log_and_continue"),
  ABORT("abort");

  private final String value;

  EscalationPolicy(String value) {
    this.value = value;
  }

  /** The wire value. */
  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return value;
  }
}
