package dev.agentdispatch.examples.tasks;

import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.worker.Fn;
import dev.agentdispatch.sdk.worker.Worker;
import java.util.List;

/** The agent {@value #AGENT}: reviews and refactors, at most two tasks at once. */
public final class Reviewer {
  /** The agent name. */
  public static final String AGENT = "reviewer";

  /** Creates the handler; it holds no state. */
  public Reviewer() {}

  /**
   * Handles one routed task.
   *
   * @param task the task
   * @return the review
   */
  @Fn(description = "Receives routed code_review and refactoring tasks")
  public TaskResult handle_task(TaskPayload task) {
    return new TaskResult(
        AGENT,
        "reviewed '"
            + task.title()
            + "' against "
            + task.acceptanceCriteria().size()
            + " criteria");
  }

  /**
   * Builds the worker, declaring the task types the agent serves.
   *
   * @param client the client to serve through
   * @return the worker, not started
   */
  public static Worker build(DispatchClient client) {
    return Worker.builder()
        .client(client)
        .agent(AGENT)
        .register(new Reviewer())
        .tasks(List.of("code_review", "refactoring"), 2)
        .build();
  }
}
