package dev.agentdispatch.server.app.tasks;

import dev.agentdispatch.core.auth.ApiKey;
import dev.agentdispatch.core.auth.Role;
import dev.agentdispatch.core.task.AgentAtTaskCapException;
import dev.agentdispatch.core.task.IllegalTaskTransitionException;
import dev.agentdispatch.core.task.Task;
import dev.agentdispatch.core.task.TaskStateMachine;
import dev.agentdispatch.core.task.TaskStatus;
import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.agents.AgentService;
import dev.agentdispatch.server.app.agents.RegisteredAgent;
import dev.agentdispatch.server.app.auth.Caller;
import dev.agentdispatch.server.app.invocations.InvocationRequest;
import dev.agentdispatch.server.app.invocations.InvocationService;
import dev.agentdispatch.server.app.invocations.RetryOverride;
import dev.agentdispatch.store.task.TaskStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Chooses an agent for a pending task and dispatches it (DESIGN §11): the candidates are the agents
 * whose {@code capabilities} cover the task's type (or the agent it is pinned to), in order of
 * preference (not yet tried first when the policy reassigns, then the least loaded, then by name);
 * the first healthy one under its {@code max_open_tasks} gets an invocation of its {@code
 * task_function} with the task as payload. Its idempotency key {@code task:<id>:<attempt>} makes
 * the store assign the task in the invocation's own transaction, so a task is dispatched once per
 * attempt however many routers race. Without a candidate the task waits, its reason recorded, and
 * is looked at again shortly (or escalates once it waited its policy's {@code escalate_after}).
 */
final class TaskRouter {
  /** How soon a task without a candidate is looked at again. */
  static final Duration RECHECK = Duration.ofSeconds(1);

  private static final Caller ROUTER =
      new Caller(InvocationService.TASK_ROUTER, Role.ADMIN, ApiKey.ALL_NAMESPACES);

  private final TaskStore store;
  private final AgentService agents;
  private final InvocationService invocations;
  private final Clock clock;

  TaskRouter(TaskStore store, AgentService agents, InvocationService invocations, Clock clock) {
    this.store = store;
    this.agents = agents;
    this.invocations = invocations;
    this.clock = clock;
  }

  /** One candidate and what the router found out about it. */
  private record Candidate(RegisteredAgent agent, int open, Optional<String> skipped) {}

  /** Routes a pending task; returns it as it is afterwards. */
  Task route(Task task) {
    if (task.status() != TaskStatus.PENDING) {
      return task;
    }
    String ns = task.spec().namespace();
    Instant now = clock.instant();
    List<Candidate> candidates = candidates(task, ns);
    List<String> skipped = new ArrayList<>();
    for (Candidate c : candidates) {
      if (c.skipped().isPresent()) {
        skipped.add(c.agent().spec().name() + " (" + c.skipped().get() + ")");
        continue;
      }
      String name = c.agent().spec().name();
      String reason =
          "chose agent '"
              + name
              + "' for type '"
              + task.state().taskType()
              + "': healthy, "
              + c.open()
              + " open of "
              + c.agent().spec().tasks().maxOpenTasks().map(String::valueOf).orElse("no cap")
              + (skipped.isEmpty() ? "" : "; skipped " + String.join(", ", skipped));
      store.note(ns, task.id(), "routed", reason, Optional.of(details(task, candidates)), now);
      try {
        invocations.create(ns, ROUTER, dispatch(task, c.agent()));
        return store.find(ns, task.id()).orElse(task);
      } catch (AgentAtTaskCapException e) {
        // Checked again where the task is assigned, under the agent's lock: another router filled
        // the last slot since the counts above were read.
        skipped.add(name + " (at its cap at dispatch: " + e.getMessage() + ")");
      } catch (IllegalTaskTransitionException | ServiceException.Conflict e) {
        // Another router dispatched this attempt first: the task has moved on.
        return store.find(ns, task.id()).orElse(task);
      } catch (ServiceException e) {
        skipped.add(name + " (dispatch refused: " + e.getMessage() + ")");
      }
    }
    String why =
        candidates.isEmpty()
            ? (task.spec().agent().isPresent()
                ? "the pinned agent '" + task.spec().agent().get() + "' takes no tasks"
                : "no registered agent serves type '" + task.state().taskType() + "'")
            : "no candidate can take it now: " + String.join(", ", skipped);
    Duration waited = Duration.between(task.state().waitingSince(), now);
    try {
      return store
          .apply(
              ns,
              task.id(),
              t ->
                  waited.compareTo(t.spec().policy().escalateAfter()) >= 0
                      ? TaskStateMachine.escalateWaiting(t, why, now)
                      : TaskStateMachine.waitFor(t, why, now.plus(RECHECK), now),
              Optional.of(details(task, candidates)),
              now)
          .orElse(task);
    } catch (IllegalTaskTransitionException e) {
      return store.find(ns, task.id()).orElse(task);
    }
  }

  private List<Candidate> candidates(Task task, String ns) {
    Map<String, Integer> open = store.openCounts(ns);
    List<RegisteredAgent> pool;
    if (task.spec().agent().isPresent()) {
      pool =
          agents
              .find(ns, task.spec().agent().get())
              .filter(a -> !a.spec().tasks().capabilities().isEmpty())
              .map(List::of)
              .orElse(List.of());
    } else {
      pool =
          agents.list(ns).stream()
              .filter(a -> a.spec().tasks().serves(task.state().taskType()))
              .toList();
    }
    List<String> tried = task.state().triedAgents();
    boolean reassign = task.spec().policy().reassign();
    Comparator<RegisteredAgent> order =
        Comparator.<RegisteredAgent>comparingInt(
                a -> reassign && tried.contains(a.spec().name()) ? 1 : 0)
            .thenComparingInt(a -> open.getOrDefault(a.spec().name(), 0))
            .thenComparing(a -> a.spec().name());
    return pool.stream()
        .sorted(order)
        .map(a -> {
          int n = open.getOrDefault(a.spec().name(), 0);
          Optional<String> skip = Optional.empty();
          if (!a.health().equals("healthy")) {
            skip = Optional.of("unhealthy");
          } else if (a.spec().tasks().maxOpenTasks().map(cap -> n >= cap).orElse(false)) {
            skip = Optional.of("at its cap: " + n + " open tasks");
          }
          return new Candidate(a, n, skip);
        })
        .toList();
  }

  private static String details(Task task, List<Candidate> candidates) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("task_type", task.state().taskType());
    ArrayNode list = o.putArray("candidates");
    for (Candidate c : candidates) {
      ObjectNode n = list.addObject();
      n.put("agent", c.agent().spec().name());
      n.put("health", c.agent().health());
      n.put("open_tasks", c.open());
      c.agent().spec().tasks().maxOpenTasks().ifPresent(m -> n.put("max_open_tasks", m));
      c.skipped().ifPresent(s -> n.put("skipped", s));
    }
    return Json.write(o);
  }

  /** The invocation of the agent's task function that carries the task. */
  private static InvocationRequest dispatch(Task task, RegisteredAgent agent) {
    int attempt = task.state().attempt() + 1;
    ObjectNode payload = Json.MAPPER.createObjectNode();
    payload.put("task_id", task.id());
    payload.put("title", task.spec().title());
    task.spec().description().ifPresent(d -> payload.put("description", d));
    ArrayNode criteria = payload.putArray("acceptance_criteria");
    task.spec().acceptanceCriteria().forEach(criteria::add);
    payload.put("task_type", task.state().taskType());
    payload.put("attempt", attempt);
    task.spec()
        .issue()
        .ifPresent(i -> {
          ObjectNode issue = payload.putObject("issue");
          issue.put("tracker", i.tracker());
          issue.put("repo", i.repo());
          issue.put("number", i.number());
        });
    return InvocationRequest.builder(agent.spec().name(), agent.spec().tasks().function())
        .payload(payload)
        .idempotencyKey(TaskService.dispatchKey(task.id(), attempt))
        // The task retries (and may move to another agent); its invocation tries once.
        .retry(RetryOverride.of(1, null, null, null, null, null))
        .priority(task.spec().priority())
        .traceId(TaskService.traceId(task.id()))
        .build();
  }
}
