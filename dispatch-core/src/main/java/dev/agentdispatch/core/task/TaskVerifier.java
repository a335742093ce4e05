package dev.agentdispatch.core.task;

import dev.agentdispatch.core.agent.Names;
import java.util.Objects;

/**
 * The function that judges a task's result before it completes (the quality gate), written {@code
 * agent.function}. It gets {@code {task, result}} and answers {@code {approved: bool, reason?:
 * string}}.
 */
public record TaskVerifier(String agent, String function) {
  public TaskVerifier {
    Objects.requireNonNull(agent, "agent is null");
    Objects.requireNonNull(function, "function is null");
    if (!Names.valid(agent) || !Names.valid(function)) {
      throw new IllegalArgumentException(
          "a verifier must be 'agent.function' with two valid names, got '"
              + agent
              + "."
              + function
              + "'");
    }
  }

  /** From {@code agent.function}; throws {@link IllegalArgumentException} for any other shape. */
  public static TaskVerifier parse(String value) {
    Objects.requireNonNull(value, "verifier is null");
    int dot = value.indexOf('.');
    if (dot < 1 || dot != value.lastIndexOf('.') || dot == value.length() - 1) {
      throw new IllegalArgumentException(
          "a verifier must be 'agent.function' (one dot, two valid names), got '" + value + "'");
    }
    return new TaskVerifier(value.substring(0, dot), value.substring(dot + 1));
  }

  /** {@code agent.function}. */
  public String wire() {
    return agent + "." + function;
  }
}
