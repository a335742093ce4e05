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
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public TaskOutbox(TaskStore store, TaskService tasks, EventService events, Clock clock) {
    this.store = store;
    this.tasks = tasks;
    this.events = events;
    this.clock = clock;
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
