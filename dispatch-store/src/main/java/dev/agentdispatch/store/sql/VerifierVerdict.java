package dev.agentdispatch.store.sql;

import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.core.task.Task;
import dev.agentdispatch.core.task.TaskStateMachine;
import dev.agentdispatch.core.task.TaskTransition;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a verifier's invocation means for the task it judges. Its result must be {@code {"approved":
 * true|false, "reason"?: "…"}}: approval completes the task with the agent's result; a rejection
 * fails the attempt (so retry, reassignment and escalation apply as to any failed dispatch). A
 * verifier that ends in error, times out, is cancelled or answers anything else has not approved
 * the result: that too fails the attempt, its reason saying what went wrong.
 */
final class VerifierVerdict {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  static final int MAX_REASON = 2000;

  private VerifierVerdict() {}

  static Optional<TaskTransition> decide(Task task, Invocation inv, Instant now) {
    String verifier = inv.spec().agent() + "." + inv.spec().function();
    InvocationStatus status = inv.state().status();
    return switch (status) {
      case COMPLETED -> Optional.of(verdict(task, verifier, inv, now));
      case ERROR, CANCELLED, TIMED_OUT ->
          Optional.of(
              TaskStateMachine.fail(
                  task,
                  "verifier '"
                      + verifier
                      + "' ended "
                      + status.wire()
                      + inv.state()
                          .error()
                          .map(e -> " (" + e.type() + ": " + e.message() + ")")
                          .orElse("")
                      + " (invocation "
                      + inv.id()
                      + "): the result is not approved",
                  now));
      default -> Optional.empty();
    };
  }

  private static TaskTransition verdict(Task task, String verifier, Invocation inv, Instant now) {
    // An invocation's stored result is JSON (checked when the worker reported it).
    JsonNode v = JSON.readTree(inv.state().resultJson().orElse("null"));
    JsonNode approved = v.path("approved");
    JsonNode reason = v.path("reason");
    if (!v.isObject() || !approved.isBoolean() || !(reason.isMissingNode() || reason.isString())) {
      return TaskStateMachine.fail(
          task,
          "verifier '"
              + verifier
              + "' answered no verdict (expected {\"approved\": bool, \"reason\"?: string})"
              + " (invocation "
              + inv.id()
              + ")",
          now);
    }
    String why = reason.isString() ? ": " + clip(reason.asString()) : "";
    String agent = task.state().agent().orElse("?");
    if (approved.asBoolean()) {
      return TaskStateMachine.approve(
          task,
          "verifier '" + verifier + "' approved the result of agent '" + agent + "'" + why,
          now);
    }
    return TaskStateMachine.fail(
        task,
        "verifier '" + verifier + "' rejected the result of agent '" + agent + "'" + why,
        now);
  }

  private static String clip(String s) {
    return s.length() <= MAX_REASON ? s : s.substring(0, MAX_REASON) + "…";
  }
}
