package dev.agentdispatch.server.app.tasks;

import dev.agentdispatch.core.task.Task;
import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.events.EventService;
import dev.agentdispatch.server.app.events.PublishRequest;
import dev.agentdispatch.store.task.OutboxItem;
import dev.agentdispatch.store.task.TaskStore;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Carries out the side effects the store recorded with a task's change (the leader's loop): an
 * escalation's event on {@code tasks.escalated} (published with the outbox item's id as its
 * idempotency key, so a retried item publishes once) and its signed webhook (delivered at least
 * once; the {@code X-Dispatch-Delivery} header, the item's id, lets a receiver drop repeats). A
 * failed item is tried again with backoff, never dropped.
 */
public final class TaskOutbox {
  private static final Logger log = LoggerFactory.getLogger(TaskOutbox.class);
  public static final String TOPIC = "tasks.escalated";
  public static final String SIGNATURE_HEADER = "X-Dispatch-Signature-256";
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  private final TaskStore store;
  private final TaskService tasks;
  private final EventService events;
  private final Clock clock;
  private final TrackerClient trackers;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public TaskOutbox(
      TaskStore store,
      TaskService tasks,
      EventService events,
      TrackerSettings trackers,
      Clock clock) {
    this.trackers = new TrackerClient(trackers, clock);
    this.store = store;
    this.tasks = tasks;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Follows the issues of tasks an agent holds: a closed issue completes its task (the tracker
   * dispatch's way of finishing); a deadline is the deadline pass's. Returns how many it looked at.
   */
  public int followIssues(int limit) {
    List<Task> open = store.openWithIssue(limit);
    Instant now = clock.instant();
    for (Task t : open) {
      var issue = t.spec().issue().orElseThrow();
      if (!trackers.configured(issue)) {
        continue;
      }
      try {
        if (trackers.state(issue).equals("closed")) {
          store.apply(
              t.spec().namespace(),
              t.id(),
              x ->
                  dev.agentdispatch.core.task.TaskStateMachine.complete(
                      x,
                      "{\"issue_state\":\"closed\"}",
                      "issue " + issue.repo() + "#" + issue.number() + " was closed",
                      now),
              Optional.empty(),
              now);
        }
      } catch (RuntimeException e) {
        log.warn(
            "following issue {}#{} of task {} failed", issue.repo(), issue.number(), t.id(), e);
      }
    }
    return open.size();
  }

  /** Carries out the items due now; returns how many it tried. */
  public int pass(int limit) {
    List<OutboxItem> due = store.dueOutbox(clock.instant(), limit);
    for (OutboxItem item : due) {
      try {
        Optional<Task> task = store.find(item.namespace(), item.taskId());
        if (task.isPresent()) {
          run(item, task.get());
        }
        store.outboxDone(item.id(), clock.instant());
      } catch (RuntimeException e) {
        Duration wait = Duration.ofSeconds(1L << Math.min(item.tries(), 8));
        Instant retryAt =
            clock.instant().plus(wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait);
        log.warn(
            "task side effect {} of task {} failed; retried at {}",
            item.action(),
            item.taskId(),
            retryAt,
            e);
        store.outboxFailed(item.id(), String.valueOf(e.getMessage()), retryAt);
      }
    }
    return due.size();
  }

  private void run(OutboxItem item, Task task) {
    String body = Json.write(payload(task));
    String[] parts = item.action().split(":", 3);
    if (parts[0].equals(TaskStore.TRACKER_ASSIGN) || parts[0].equals(TaskStore.TRACKER_ESCALATE)) {
      tracker(task, parts);
      return;
    }
    switch (item.action()) {
      case TaskStore.ESCALATION_EVENT ->
          events.publish(
              item.namespace(),
              new PublishRequest(
                  TOPIC,
                  Json.tree(body),
                  Optional.of("task-router"),
                  Optional.of(TaskService.traceId(task.id())),
                  Optional.empty(),
                  Optional.of("outbox:" + item.id())));
      case TaskStore.ESCALATION_WEBHOOK -> webhook(item, task, body);
      default -> log.warn("unknown task side effect '{}' skipped", item.action());
    }
  }

  /**
   * Labels the issue with the agent's label and posts the assignment comment, or posts the
   * escalation comment. Each comment carries a marker naming the task, the step and the attempt,
   * and is posted only when no comment of the issue has it: a retried item (after a crash or a
   * failed later step) never posts twice. Adding a label it already has changes nothing.
   */
  private void tracker(Task task, String[] action) {
    var issue = task.spec().issue().orElseThrow();
    if (!trackers.configured(issue)) {
      log.info(
          "task {}: tracker {} is not configured; no label or comment", task.id(), issue.tracker());
      return;
    }
    String attempt = action.length > 1 ? action[1] : "0";
    if (action[0].equals(TaskStore.TRACKER_ASSIGN)) {
      String agent = action.length > 2 ? action[2] : task.state().agent().orElse("");
      trackers.addLabel(issue, agentLabel(agent));
      trackers.commentOnce(
          issue, marker(task, "assigned", attempt), assignmentComment(task, agent));
    } else {
      trackers.commentOnce(
          issue,
          marker(task, "escalated", attempt),
          "**Escalated** by Agent Dispatch: task `"
              + task.id()
              + "` needs a person.\n\nWhy: "
              + task.state().reason());
    }
  }

  /** The label an issue assigned to {@code agent} gets. */
  public static String agentLabel(String agent) {
    return agent + "-ready";
  }

  static String marker(Task task, String step, String attempt) {
    return "<!-- agent-dispatch task="
        + task.id()
        + " step="
        + step
        + " attempt="
        + attempt
        + " -->";
  }

  private static String assignmentComment(Task task, String agent) {
    StringBuilder b = new StringBuilder();
    b.append("**Assigned to ").append(agent).append("** by Agent Dispatch\n\n");
    b.append("Type: `").append(task.state().taskType()).append("`\n");
    b.append("Task: `").append(task.id()).append("`\n");
    task.spec().description().ifPresent(d -> b.append("\n").append(d).append("\n"));
    if (!task.spec().acceptanceCriteria().isEmpty()) {
      b.append("\n**Acceptance criteria**\n");
      task.spec().acceptanceCriteria().forEach(c -> b.append("- [ ] ").append(c).append("\n"));
    }
    return b.toString();
  }

  private void webhook(OutboxItem item, Task task, String body) {
    Optional<TaskSettings.Webhook> hook = tasks.settings(item.namespace()).escalationWebhook();
    if (hook.isEmpty()) {
      return;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest req =
        HttpRequest.newBuilder(hook.get().url())
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("X-Dispatch-Event", TOPIC)
            .header("X-Dispatch-Delivery", item.id())
            .header(SIGNATURE_HEADER, "sha256=" + Hmac.sha256Hex(hook.get().secret(), bytes))
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build();
    try {
      HttpResponse<Void> resp = http.send(req, HttpResponse.BodyHandlers.discarding());
      if (resp.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "escalation webhook answered " + resp.statusCode() + " for task " + task.id());
      }
    } catch (IOException e) {
      throw new IllegalStateException("escalation webhook unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static ObjectNode payload(Task task) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("task_id", task.id());
    o.put("namespace", task.spec().namespace());
    o.put("title", task.spec().title());
    o.put("task_type", task.state().taskType());
    o.put("status", task.status().wire());
    o.put("reason", task.state().reason());
    o.put("attempts", task.state().attempt());
    task.state().agent().ifPresent(a -> o.put("last_agent", a));
    task.spec()
        .issue()
        .ifPresent(i -> {
          ObjectNode issue = o.putObject("issue");
          issue.put("tracker", i.tracker());
          issue.put("repo", i.repo());
          issue.put("number", i.number());
        });
    return o;
  }
}
