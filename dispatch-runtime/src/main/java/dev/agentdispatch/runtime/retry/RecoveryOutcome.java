package dev.agentdispatch.runtime.retry;

/** The outcome of one recovery attempt. */
public enum RecoveryOutcome {
  RECOVERED("recovered"),
  PARTIAL_RECOVERY("partial_recovery"),
  ESCALATION_REQUIRED("escalation_required");

  private final String value;

  RecoveryOutcome(String value) {
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
