package dev.agentdispatch.core.task;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What was asked for: never changes after creation.
 *
 * @param taskType the type the caller gave; absent: inferred (see {@link TaskState#taskType})
 * @param agent an agent the caller pinned the task to; absent: the router chooses
 * @param timeout how long the task may take from creation before it is {@code timed_out}
 */
public record TaskSpec(
    String id,
    String namespace,
    String title,
    Optional<String> description,
    List<String> acceptanceCriteria,
    Optional<String> taskType,
    Optional<String> agent,
    Optional<IssueRef> issue,
    int priority,
    Optional<String> idempotencyKey,
    Optional<Duration> timeout,
    TaskPolicy policy,
    Instant createdAt) {
  public TaskSpec {
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(namespace, "namespace is null");
    Objects.requireNonNull(title, "title is null");
    Objects.requireNonNull(description, "description is null");
    acceptanceCriteria = List.copyOf(acceptanceCriteria);
    Objects.requireNonNull(taskType, "taskType is null");
    Objects.requireNonNull(agent, "agent is null");
    Objects.requireNonNull(issue, "issue is null");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey is null");
    Objects.requireNonNull(timeout, "timeout is null");
    Objects.requireNonNull(policy, "policy is null");
    Objects.requireNonNull(createdAt, "createdAt is null");
  }

  /** When the task times out, if it has a timeout. */
  public Optional<Instant> deadline() {
    return timeout.map(createdAt::plus);
  }
}
