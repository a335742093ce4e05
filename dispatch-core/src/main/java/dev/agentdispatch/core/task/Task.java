package dev.agentdispatch.core.task;

import java.util.Objects;

/** A routed work item (DESIGN §11): what was asked and where it stands. */
public record Task(TaskSpec spec, TaskState state) {
  public Task {
    Objects.requireNonNull(spec, "spec is null");
    Objects.requireNonNull(state, "state is null");
  }

  public String id() {
    return spec.id();
  }

  public TaskStatus status() {
    return state.status();
  }

  Task with(TaskState next) {
    return new Task(spec, next);
  }
}
