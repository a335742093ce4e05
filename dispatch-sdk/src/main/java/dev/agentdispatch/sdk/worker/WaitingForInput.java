package dev.agentdispatch.sdk.worker;

import tools.jackson.databind.JsonNode;

/**
 * Thrown by {@link Context#waitForInput(Object)} to pause a session run: the worker reports {@code
 * waiting_for_input} and frees the slot. When the session's next input arrives the run is leased
 * again (on any worker) and its handler runs from the start; this time {@code waitForInput} returns
 * that input. Do not catch it; code before the wait must be safe to run again (or keep its progress
 * in {@link SessionState}).
 */
public final class WaitingForInput extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient JsonNode prompt;

  WaitingForInput(JsonNode prompt) {
    super("the run waits for input", null, false, false);
    this.prompt = prompt;
  }

  /**
   * Returns what the run waits for.
   *
   * @return the prompt
   */
  public JsonNode prompt() {
    return prompt;
  }
}
