package dev.agentdispatch.store.task;

import dev.agentdispatch.core.task.Task;
import dev.agentdispatch.core.task.TaskStatus;
import dev.agentdispatch.core.task.TaskTransition;
import dev.agentdispatch.store.Page;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Routed tasks (DESIGN §11), their history and the side effects of their changes. Every change of a
 * task goes through {@link #apply}: the store loads the task in its write transaction, asks the
 * caller's decision (a {@code TaskStateMachine} method) and persists the transition, its history
 * row and its side effects together. A dispatch invocation (idempotency key {@code
 * task:<id>:<attempt>}) assigns its task in the invocation's own transaction, and its end completes
 * or fails the task in the transaction of that end.
 */
public interface TaskStore {
  /** Actions written to the outbox when a task escalates. */
  String ESCALATION_EVENT = "escalation_event";

  String ESCALATION_WEBHOOK = "escalation_webhook";

  /**
   * Written when a task about an issue is assigned, as {@code tracker_assign:<attempt>:<agent>}:
   * label the issue and post the assignment comment.
   */
  String TRACKER_ASSIGN = "tracker_assign";

  /** Written when a task about an issue escalates, as {@code tracker_escalate:<attempt>}. */
  String TRACKER_ESCALATE = "tracker_escalate";

  /** Stores a new pending task (with a first history row), or finds the one with its key. */
  TaskCreate create(Task task, String reason, Optional<String> detailsJson, Instant now);

  Optional<Task> find(String namespace, String id);

  /**
   * Tasks by id (creation order), optionally of one status; the cursor is the last id of a page.
   */
  Page<Task> list(
      String namespace, Optional<TaskStatus> status, int limit, Optional<String> cursor);

  /** Escalated tasks, newest change first. */
  List<Task> escalated(String namespace, int limit);

  List<TaskHistoryEntry> history(String namespace, String id);

  /**
   * Applies the transition {@code decide} computes from the current task; empty when there is no
   * such task. A decision that throws changes nothing.
   */
  Optional<Task> apply(
      String namespace,
      String id,
      Function<Task, TaskTransition> decide,
      Optional<String> detailsJson,
      Instant now);

  /** Appends a history row without a change of state (e.g. a routing decision and its reasons). */
  void note(
      String namespace,
      String id,
      String event,
      String reason,
      Optional<String> detailsJson,
      Instant now);

  /** Pending tasks of every namespace due for routing at {@code now}, earliest first. */
  List<Task> dueForRouting(Instant now, int limit);

  /** Tasks about a tracker issue that an agent holds (to follow the issue until it closes). */
  List<Task> openWithIssue(int limit);

  /** Unfinished tasks whose deadline passed. */
  List<Task> pastDeadline(Instant now, int limit);

  /** How many tasks each agent of the namespace holds open (assigned or in progress). */
  Map<String, Integer> openCounts(String namespace);

  /** Side effects due at {@code now}. */
  List<OutboxItem> dueOutbox(Instant now, int limit);

  void outboxDone(String id, Instant now);

  /** Records a failed try; the item is due again at {@code retryAt}. */
  void outboxFailed(String id, String error, Instant retryAt);

  /**
   * Retention: deletes up to {@code limit} tasks that ended (completed, failed, timed out,
   * escalated) before {@code cutoff}, with their history and outbox items, and returns how many. A
   * task with a side effect still to carry out is kept until it is done.
   */
  int pruneEndedBefore(Instant cutoff, int limit);

  /** A namespace's task setting (a JSON document), if set. */
  Optional<String> setting(String namespace, String name);

  void putSetting(String namespace, String name, String valueJson, Instant now);
}
