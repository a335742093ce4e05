package dev.agentdispatch.sdk.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Routed tasks of the client's namespace (DESIGN §11, docs/task-routing.md). Obtained from {@link
 * DispatchClient#tasks()}. Answers are the server's JSON views.
 */
public final class TaskEndpoints {
  private final HttpTransport transport;

  TaskEndpoints(HttpTransport transport) {
    this.transport = transport;
  }

  /**
   * Creates a task: routed at once to the best healthy agent whose capabilities cover its type.
   *
   * @param task the body: {@code title} and optionally {@code description, acceptance_criteria,
   *     task_type, agent, issue, priority, idempotency_key, timeout_seconds}
   * @return the task ({@code id, status, task_type, agent, reason, …})
   */
  public JsonNode create(Map<String, Object> task) {
    return transport.send("POST", transport.namespaced("/tasks"), Optional.of(task), Duration.ZERO);
  }

  /**
   * Creates a task from a title and description, its type inferred.
   *
   * @param title the title
   * @param description the description
   * @param acceptanceCriteria the criteria, possibly none
   * @return the task
   */
  public JsonNode create(String title, String description, List<String> acceptanceCriteria) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", title);
    body.put("description", description);
    body.put("acceptance_criteria", acceptanceCriteria);
    return create(body);
  }

  /**
   * Reads a task with its history.
   *
   * @param id the task
   * @return the task
   */
  public JsonNode get(String id) {
    return transport.send("GET", path(id), Optional.empty(), Duration.ZERO);
  }

  /**
   * Lists tasks, one page at a time.
   *
   * @param status only tasks of this status, e.g. {@code pending}
   * @param cursor the previous page's {@code next_cursor}
   * @return {@code {items, next_cursor}}
   */
  public JsonNode list(Optional<String> status, Optional<String> cursor) {
    Map<String, String> query = new LinkedHashMap<>();
    status.ifPresent(s -> query.put("status", s));
    cursor.ifPresent(c -> query.put("cursor", c));
    return transport.send(
        "GET",
        transport.namespaced("/tasks") + UrlParts.query(query),
        Optional.empty(),
        Duration.ZERO);
  }

  /**
   * Retries a failed, timed-out or escalated task with a fresh attempt budget.
   *
   * @param id the task
   * @return the task after the retry
   */
  public JsonNode retry(String id) {
    return transport.send("POST", path(id) + "/retry", Optional.of(Map.of()), Duration.ZERO);
  }

  /**
   * Lists escalated tasks, latest first.
   *
   * @return {@code {items}}
   */
  public JsonNode escalations() {
    return transport.send(
        "GET", transport.namespaced("/tasks/escalations"), Optional.empty(), Duration.ZERO);
  }

  /**
   * Reads the namespace's task settings (an admin's call; secrets shown only as {@code "set"}).
   *
   * @return {@code {max_attempts, backoff_seconds, …, trackers, verifiers}}
   */
  public JsonNode settings() {
    return transport.send(
        "GET", transport.namespaced("/tasks/settings"), Optional.empty(), Duration.ZERO);
  }

  /**
   * Replaces the namespace's task settings (an admin's call): every field is optional and an absent
   * one takes its default, so send the whole document.
   *
   * @param settings e.g. {@code {max_attempts, backoff_seconds, escalate_after_seconds, reassign,
   *     escalate, escalation_webhook, github_webhook_secret, gitea_webhook_secret, issue_rule,
   *     trackers: {github: {repos: ["owner/name", "owner/*"]}}, verifiers: {task_type:
   *     "agent.function"}}}
   * @return the settings as stored
   */
  public JsonNode putSettings(Map<String, Object> settings) {
    return transport.send(
        "PUT", transport.namespaced("/tasks/settings"), Optional.of(settings), Duration.ZERO);
  }

  private String path(String id) {
    return transport.namespaced("/tasks/" + UrlParts.segment(id));
  }
}
