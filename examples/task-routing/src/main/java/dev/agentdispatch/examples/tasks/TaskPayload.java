package dev.agentdispatch.examples.tasks;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * What a routed task's invocation carries (docs/task-routing.md): the payload the server sends to
 * an agent's {@code handle_task}, whose field names are snake_case.
 *
 * @param taskId the task
 * @param title its title
 * @param description its description, if any
 * @param acceptanceCriteria its acceptance criteria
 * @param taskType the type it was routed by
 * @param attempt which dispatch of the task this is (1 for the first)
 * @param issue the tracker issue it is about, if any
 */
public record TaskPayload(
    @JsonProperty("task_id") String taskId,
    String title,
    Optional<String> description,
    @JsonProperty("acceptance_criteria") List<String> acceptanceCriteria,
    @JsonProperty("task_type") String taskType,
    int attempt,
    Optional<Issue> issue) {

  /** Treats missing optional parts as absent. */
  public TaskPayload {
    description = description == null ? Optional.empty() : description;
    acceptanceCriteria = acceptanceCriteria == null ? List.of() : List.copyOf(acceptanceCriteria);
    issue = issue == null ? Optional.empty() : issue;
  }

  /**
   * A tracker issue.
   *
   * @param tracker github or gitea
   * @param repo owner/name
   * @param number the issue number
   */
  public record Issue(String tracker, String repo, long number) {}
}
