package dev.agentdispatch.server.app.tasks;

import dev.agentdispatch.core.agent.Names;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.core.task.IssueRef;
import dev.agentdispatch.server.app.Check;
import dev.agentdispatch.server.app.ServiceException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to route a task, whatever door it came through, checked as it is made: a refused
 * request stores nothing.
 *
 * @param priority 0 to 9 (default 5), the priority of its dispatch invocations
 * @param timeout how long it may take before it is {@code timed_out}; absent: no deadline
 */
public record TaskRequest(
    String title,
    Optional<String> description,
    List<String> acceptanceCriteria,
    Optional<String> taskType,
    Optional<String> agent,
    Optional<IssueRef> issue,
    int priority,
    Optional<String> idempotencyKey,
    Optional<Duration> timeout) {
  public static final int MAX_TITLE = 500;
  public static final int MAX_DESCRIPTION = 65_536;
  public static final int MAX_CRITERIA = 100;

  public TaskRequest {
    Check.required(title, "title");
    if (title.length() > MAX_TITLE) {
      throw new ServiceException.Invalid("title is longer than " + MAX_TITLE + " characters");
    }
    Objects.requireNonNull(description, "description is null");
    description.ifPresent(d -> {
      if (d.length() > MAX_DESCRIPTION) {
        throw new ServiceException.Invalid(
            "description is longer than " + MAX_DESCRIPTION + " characters");
      }
    });
    acceptanceCriteria = List.copyOf(acceptanceCriteria);
    if (acceptanceCriteria.size() > MAX_CRITERIA) {
      throw new ServiceException.Invalid(
          "acceptance_criteria has more than " + MAX_CRITERIA + " items");
    }
    for (String c : acceptanceCriteria) {
      if (c.isBlank() || c.length() > 2000) {
        throw new ServiceException.Invalid(
            "each acceptance criterion must be 1 to 2000 characters and not blank");
      }
    }
    taskType.ifPresent(t -> Check.name(t, "task_type"));
    agent.ifPresent(a -> Check.name(a, "agent"));
    Objects.requireNonNull(issue, "issue is null");
    if (priority < InvocationSpec.MIN_PRIORITY || priority > InvocationSpec.MAX_PRIORITY) {
      throw new ServiceException.Invalid("priority must be between 0 and 9, got " + priority);
    }
    idempotencyKey.ifPresent(k -> Check.optionalId(k, "idempotency_key"));
    Objects.requireNonNull(timeout, "timeout is null");
  }

  /** From wire values, any optional one null. */
  public static TaskRequest of(
      String title,
      String description,
      List<String> acceptanceCriteria,
      String taskType,
      String agent,
      String issueTracker,
      String issueRepo,
      Long issueNumber,
      boolean issueGiven,
      Integer priority,
      String idempotencyKey,
      Integer timeoutSeconds) {
    Optional<IssueRef> issue = Optional.empty();
    if (issueGiven) {
      if (issueTracker == null || issueRepo == null || issueNumber == null) {
        throw new ServiceException.Invalid("issue needs tracker, repo and number");
      }
      try {
        issue = Optional.of(new IssueRef(issueTracker, issueRepo, issueNumber));
      } catch (IllegalArgumentException e) {
        throw new ServiceException.Invalid(e.getMessage());
      }
    }
    if (taskType != null && !Names.valid(taskType)) {
      throw new ServiceException.Invalid("'task_type' is not a valid name: '" + taskType + "'");
    }
    return new TaskRequest(
        title,
        Optional.ofNullable(description),
        acceptanceCriteria == null ? List.of() : acceptanceCriteria,
        Optional.ofNullable(taskType),
        Optional.ofNullable(agent),
        issue,
        priority == null ? InvocationSpec.DEFAULT_PRIORITY : priority,
        Check.optionalId(idempotencyKey, "idempotency_key"),
        Check.seconds(timeoutSeconds, "timeout_seconds"));
  }
}
