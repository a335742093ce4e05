package dev.agentdispatch.runtime.retry;

import java.util.Locale;

/** One step of a recovery recipe. The wire value is the snake_case of the name. */
public enum RecoveryStep {
  RETRY_WITH_BACKOFF,
  RETRY_WITH_SMALLER_CONTEXT,
  SWITCH_PROVIDER,
  RESTART_AGENT,
  CLEAR_MEMORY_CACHE,
  REDUCE_TOOL_SET,
  ESCALATE_TO_HUMAN;

  /** The wire value, e.g. {@code "retry_with_backoff"}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return value();
  }
}
