package dev.agentdispatch.store.task;

import dev.agentdispatch.core.task.Task;

/** The outcome of storing a new task. */
public sealed interface TaskCreate {
  Task task();

  /** Stored now. */
  record Created(Task task) implements TaskCreate {}

  /** A task with the same idempotency key already existed: that one. */
  record Deduplicated(Task task) implements TaskCreate {}
}
