package dev.agentdispatch.core.agent;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an agent declares about routed tasks (DESIGN §11): the task types it serves, how many of
 * them it may hold open at once, and the function that receives them.
 *
 * @param capabilities task types it serves; empty: it takes no routed tasks
 * @param maxOpenTasks the most tasks assigned to it or in progress at once; absent: no cap
 * @param taskFunction the function each task is invoked on; absent: {@value #DEFAULT_FUNCTION}
 */
public record TaskRole(
    List<String> capabilities, Optional<Integer> maxOpenTasks, Optional<String> taskFunction) {
  public static final String DEFAULT_FUNCTION = "handle_task";
  public static final TaskRole NONE = new TaskRole(List.of(), Optional.empty(), Optional.empty());

  public TaskRole {
    capabilities = List.copyOf(capabilities);
    Objects.requireNonNull(maxOpenTasks, "maxOpenTasks is null");
    Objects.requireNonNull(taskFunction, "taskFunction is null");
    Set<String> seen = new HashSet<>();
    for (String c : capabilities) {
      Names.require(c, "capability");
      if (!seen.add(c)) {
        throw new IllegalArgumentException("capability '" + c + "' is declared twice");
      }
    }
    maxOpenTasks.ifPresent(n -> Limits.requireCap(n, "max_open_tasks"));
    taskFunction.ifPresent(f -> Names.require(f, "task_function"));
    if (capabilities.isEmpty() && (maxOpenTasks.isPresent() || taskFunction.isPresent())) {
      throw new IllegalArgumentException(
          "max_open_tasks and task_function apply only to an agent that declares capabilities");
    }
  }

  /** The function tasks are invoked on. */
  public String function() {
    return taskFunction.orElse(DEFAULT_FUNCTION);
  }

  public boolean serves(String taskType) {
    return capabilities.contains(taskType);
  }
}
