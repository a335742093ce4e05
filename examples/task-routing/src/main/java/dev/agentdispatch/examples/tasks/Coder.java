package dev.agentdispatch.examples.tasks;

import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.worker.Fn;
import dev.agentdispatch.sdk.worker.Worker;
import java.util.List;

/** The agent {@value #AGENT}: routine coding and quick iterations, at most two at once. */
public final class Coder {
  /** The agent name. */
  public static final String AGENT = "coder";

  /** Creates the handler; it holds no state. */
  public Coder() {}

  /**
   * Handles one routed task.
   *
   * @param task the task
   * @return what was built
   */
  @Fn(description = "Receives routed routine_coding and fast_iteration tasks")
  public TaskResult handle_task(TaskPayload task) {
    return new TaskResult(AGENT, "implemented '" + task.title() + "'");
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
        .register(new Coder())
        .tasks(List.of("routine_coding", "fast_iteration"), 2)
        .build();
  }
}
