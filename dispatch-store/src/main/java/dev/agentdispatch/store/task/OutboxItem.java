package dev.agentdispatch.store.task;

import java.util.Objects;

/**
 * A side effect of a task change still to carry out.
 *
 * @param action what to do, e.g. {@code escalation_event}, {@code escalation_webhook}
 * @param tries how many times it failed so far
 */
public record OutboxItem(String id, String namespace, String taskId, String action, int tries) {
  public OutboxItem {
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(namespace, "namespace is null");
    Objects.requireNonNull(taskId, "taskId is null");
    Objects.requireNonNull(action, "action is null");
  }
}
