package dev.agentdispatch.server.app.tasks;

import dev.agentdispatch.core.id.Ids;
import dev.agentdispatch.core.task.IllegalTaskTransitionException;
import dev.agentdispatch.core.task.Task;
import dev.agentdispatch.core.task.TaskSpec;
import dev.agentdispatch.core.task.TaskState;
import dev.agentdispatch.core.task.TaskStateMachine;
import dev.agentdispatch.core.task.TaskStatus;
import dev.agentdispatch.server.app.Check;
import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.agents.AgentService;
import dev.agentdispatch.server.app.invocations.InvocationService;
import dev.agentdispatch.store.Page;
import dev.agentdispatch.store.task.TaskCreate;
import dev.agentdispatch.store.task.TaskHistoryEntry;
import dev.agentdispatch.store.task.TaskStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Routed tasks (DESIGN §11): creation (validated, idempotent, its type given or inferred), reads,
 * retries, the namespace's type rules and settings, and the leader's passes that route waiting
 * tasks and time out late ones.
 */
public final class TaskService {
  private static final Logger log = LoggerFactory.getLogger(TaskService.class);
  public static final int MAX_LIST = 500;
  static final String RULES = "type_rules";
  static final String SETTINGS = "settings";

  private final TaskStore store;
  private final AgentService agents;
  private final TaskRouter router;
  private final Clock clock;

  /** A created task, and whether it repeated an earlier request with the same key. */
  public record Created(Task task, boolean deduplicated) {}

  /** A task with its history. */
  public record Shown(Task task, List<TaskHistoryEntry> history) {}

  public TaskService(
      TaskStore store, AgentService agents, InvocationService invocations, Clock clock) {
    this.store = store;
    this.agents = agents;
    this.router = new TaskRouter(store, agents, invocations, clock);
    this.clock = clock;
  }

  /** The idempotency key of a task's dispatch invocation number {@code attempt}. */
  static String dispatchKey(String taskId, int attempt) {
    return InvocationService.DISPATCH_KEY_PREFIX + taskId + ":" + attempt;
  }

  /** The trace every dispatch of a task belongs to. */
  public static String traceId(String taskId) {
    return "task-" + taskId;
  }

  /**
   * Stores the task and routes it at once (a failure to route leaves it pending for the leader's
   * pass). A pinned agent must be registered and an issue's repository in the namespace's
   * allowlist; a repeated idempotency key returns the first task when the request is the same, and
   * is a 409 when it differs (as for invocations).
   */
  public Created create(String namespace, TaskRequest r) {
    return create(namespace, r, true);
  }

  /**
   * As {@link #create(String, TaskRequest)}, for a tracker's issue: its key names the issue, and a
   * later delivery about the same issue (retitled, relabeled) finds the task made of the first.
   */
  Created createFromIssue(String namespace, TaskRequest r) {
    return create(namespace, r, false);
  }

  /** Refuses what {@link #create} would refuse before anything is stored (for a dry run too). */
  void check(String namespace, TaskRequest r) {
    Check.name(namespace, "namespace");
    check(namespace, r, settings(namespace));
  }

  private void check(String namespace, TaskRequest r, TaskSettings settings) {
    r.agent().ifPresent(a -> agents.get(namespace, a));
    r.issue().ifPresent(i -> settings.repos().check(namespace, i));
  }

  private Created create(String namespace, TaskRequest r, boolean sameBody) {
    Check.name(namespace, "namespace");
    TaskSettings settings = settings(namespace);
    check(namespace, r, settings);
    Instant now = clock.instant();
    String type;
    String reason;
    Optional<String> details;
    if (r.taskType().isPresent()) {
      type = r.taskType().get();
      reason = "task_type '" + type + "' given by the caller";
      details = Optional.empty();
    } else {
      TypeInference.Inferred inferred =
          TypeInference.infer(rules(namespace), r.title(), r.description());
      type = inferred.taskType();
      reason = inferred.reason();
      ObjectNode d = Json.MAPPER.createObjectNode();
      d.put("task_type", type);
      ArrayNode words = d.putArray("matched");
      inferred.matched().forEach(words::add);
      ObjectNode scores = d.putObject("scores");
      inferred.scores().forEach(scores::put);
      details = Optional.of(Json.write(d));
    }
    TaskSpec spec =
        new TaskSpec(
            Ids.uuid7(),
            namespace,
            r.title(),
            r.description(),
            r.acceptanceCriteria(),
            r.taskType(),
            r.agent(),
            r.issue(),
            r.priority(),
            r.idempotencyKey(),
            r.timeout(),
            settings.policyFor(type),
            now);
    // Routed right below; the leader's pass looks at it only if that fails (no race for a note).
    TaskCreate created =
        store.create(
            new Task(spec, TaskState.initial(type, reason, now.plus(TaskRouter.RECHECK), now)),
            reason,
            details,
            now);
    if (created instanceof TaskCreate.Deduplicated d) {
      if (sameBody && !sameRequest(d.task().spec(), r)) {
        throw new ServiceException.Conflict(
            "idempotency_conflict",
            "idempotency_key '"
                + r.idempotencyKey().orElseThrow()
                + "' was used by task "
                + d.task().id()
                + " with a different request",
            Optional.empty());
      }
      return new Created(d.task(), true);
    }
    return new Created(routeQuietly(created.task()), false);
  }

  /** Whether a repeated key carries the request the first task was made of. */
  private static boolean sameRequest(TaskSpec s, TaskRequest r) {
    return s.title().equals(r.title())
        && s.description().equals(r.description())
        && s.acceptanceCriteria().equals(r.acceptanceCriteria())
        && s.taskType().equals(r.taskType())
        && s.agent().equals(r.agent())
        && s.issue().equals(r.issue())
        && s.priority() == r.priority()
        && s.timeout().equals(r.timeout());
  }

  private Task routeQuietly(Task task) {
    try {
      return router.route(task);
    } catch (RuntimeException e) {
      log.warn("routing task {} failed; the router loop tries again", task.id(), e);
      return task;
    }
  }

  /** The type a task of this request would get (for a dry run), with the reason. */
  public String inferType(String namespace, TaskRequest r) {
    return r.taskType()
        .orElseGet(
            () -> TypeInference.infer(rules(namespace), r.title(), r.description()).taskType());
  }

  public Task get(String namespace, String id) {
    return store
        .find(namespace, id)
        .orElseThrow(() -> new ServiceException.NotFound("task '" + id + "' does not exist"));
  }

  public Shown show(String namespace, String id) {
    Task t = get(namespace, id);
    return new Shown(t, store.history(namespace, id));
  }

  public Page<Task> list(
      String namespace, Optional<String> status, int limit, Optional<String> cursor) {
    Optional<TaskStatus> s =
        status.map(v ->
            TaskStatus.parse(v)
                .orElseThrow(() ->
                    new ServiceException.Invalid(
                        "status must be one of "
                            + dev.agentdispatch.core.wire.WireEnum.choices(TaskStatus.class)
                            + ", got '"
                            + v
                            + "'")));
    return store.list(namespace, s, Check.limit(limit, MAX_LIST), cursor);
  }

  public List<Task> escalations(String namespace, int limit) {
    return store.escalated(namespace, Check.limit(limit, MAX_LIST));
  }

  /** Retries an ended task that did not complete (409 otherwise), with a fresh attempt budget. */
  public Task retry(String namespace, String id) {
    get(namespace, id);
    Instant now = clock.instant();
    Task t =
        store
            .apply(namespace, id, x -> TaskStateMachine.retry(x, now), Optional.empty(), now)
            .orElseThrow(() -> new ServiceException.NotFound("task '" + id + "' does not exist"));
    return routeQuietly(t);
  }

  /** The namespace's type rules: those set through the API, else the built-in ones. */
  public TypeRules rules(String namespace) {
    return store.setting(namespace, RULES).map(TaskService::readRules).orElse(TypeRules.DEFAULT);
  }

  public TypeRules putRules(String namespace, TypeRules rules) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("fallback_type", rules.fallbackType());
    ArrayNode list = o.putArray("rules");
    for (TypeRule r : rules.rules()) {
      ObjectNode n = list.addObject();
      n.put("task_type", r.taskType());
      ArrayNode k = n.putArray("keywords");
      r.keywords().forEach(k::add);
      n.put("weight", r.weight());
    }
    store.putSetting(namespace, RULES, Json.write(o), clock.instant());
    return rules;
  }

  private static TypeRules readRules(String json) {
    JsonNode o = Json.tree(json);
    List<TypeRule> rules = new ArrayList<>();
    for (JsonNode n : o.get("rules")) {
      List<String> k = new ArrayList<>();
      n.get("keywords").forEach(w -> k.add(w.asString()));
      rules.add(new TypeRule(n.get("task_type").asString(), k, n.get("weight").asInt()));
    }
    return new TypeRules(rules, o.get("fallback_type").asString());
  }

  public TaskSettings settings(String namespace) {
    return store
        .setting(namespace, SETTINGS)
        .map(TaskSettings::fromJson)
        .orElse(TaskSettings.DEFAULT);
  }

  public TaskSettings putSettings(String namespace, TaskSettings settings) {
    store.putSetting(namespace, SETTINGS, settings.toJson(), clock.instant());
    return settings;
  }

  /** The leader's pass: routes pending tasks that are due; returns how many it looked at. */
  public int routePass(int limit) {
    List<Task> due = store.dueForRouting(clock.instant(), limit);
    for (Task t : due) {
      routeQuietly(t);
    }
    return due.size();
  }

  /** The leader's pass: times out unfinished tasks past their deadline. */
  public int deadlinePass(int limit) {
    Instant now = clock.instant();
    List<Task> late = store.pastDeadline(now, limit);
    for (Task t : late) {
      try {
        store.apply(
            t.spec().namespace(),
            t.id(),
            x -> TaskStateMachine.timeOut(x, now),
            Optional.empty(),
            now);
      } catch (IllegalTaskTransitionException e) {
        // It ended meanwhile.
      }
    }
    return late.size();
  }
}
