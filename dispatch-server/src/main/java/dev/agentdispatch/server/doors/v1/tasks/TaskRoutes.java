package dev.agentdispatch.server.doors.v1.tasks;

import static dev.agentdispatch.core.auth.Permission.ADMINISTER;
import static dev.agentdispatch.core.auth.Permission.INVOKE;
import static dev.agentdispatch.core.auth.Permission.READ;

import dev.agentdispatch.core.task.TaskPolicy;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.tasks.RepoAllowlist;
import dev.agentdispatch.server.app.tasks.TaskRequest;
import dev.agentdispatch.server.app.tasks.TaskService;
import dev.agentdispatch.server.app.tasks.TaskSettings;
import dev.agentdispatch.server.app.tasks.TypeRule;
import dev.agentdispatch.server.app.tasks.TypeRules;
import dev.agentdispatch.server.doors.http.Bodies;
import dev.agentdispatch.server.doors.http.Guard;
import dev.agentdispatch.server.doors.v1.wire.PageView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code /v1/namespaces/{ns}/tasks}: routed tasks, their type rules and settings (DESIGN §11), a
 * thin mapping onto {@link TaskService}. The fixed paths ({@code escalations}, {@code type-rules},
 * {@code settings}) are registered before {@code {id}}.
 */
public final class TaskRoutes {
  private static final String BASE = "/v1/namespaces/{ns}/tasks";

  private TaskRoutes() {}

  public static void register(RoutesConfig routes, Guard guard, TaskService tasks) {
    routes.post(
        BASE,
        guard.with(
            INVOKE,
            (ctx, ns) -> {
              TaskService.Created c = tasks.create(ns, request(ctx));
              ctx.status(c.deduplicated() ? 200 : 201)
                  .json(TaskView.of(c.task(), null, c.deduplicated()));
            }));
    routes.get(
        BASE,
        guard.with(
            READ,
            (ctx, ns) ->
                ctx.json(
                    PageView.of(
                        tasks.list(
                            ns,
                            Guard.param(ctx, "status"),
                            Guard.intParam(ctx, "limit", 50),
                            Guard.param(ctx, "cursor")),
                        TaskView::of))));
    routes.get(
        BASE + "/escalations",
        guard.with(
            READ,
            (ctx, ns) ->
                ctx.json(
                    PageView.whole(
                        tasks.escalations(ns, Guard.intParam(ctx, "limit", 50)), TaskView::of))));
    routes.get(
        BASE + "/type-rules", guard.with(READ, (ctx, ns) -> ctx.json(rulesView(tasks.rules(ns)))));
    routes.put(
        BASE + "/type-rules",
        guard.with(ADMINISTER, (ctx, ns) -> ctx.json(rulesView(tasks.putRules(ns, rules(ctx))))));
    routes.get(
        BASE + "/settings",
        guard.with(ADMINISTER, (ctx, ns) -> ctx.json(settingsView(tasks.settings(ns)))));
    routes.put(
        BASE + "/settings",
        guard.with(
            ADMINISTER, (ctx, ns) -> ctx.json(settingsView(tasks.putSettings(ns, settings(ctx))))));
    routes.get(
        BASE + "/{id}",
        guard.with(
            READ,
            (ctx, ns) -> {
              TaskService.Shown s = tasks.show(ns, ctx.pathParam("id"));
              ctx.json(TaskView.of(s.task(), s.history(), null));
            }));
    routes.post(
        BASE + "/{id}/retry",
        guard.with(
            INVOKE, (ctx, ns) -> ctx.json(TaskView.of(tasks.retry(ns, ctx.pathParam("id"))))));
  }

  private static TaskRequest request(Context ctx) {
    TaskBodies.Create b = Bodies.read(ctx, TaskBodies.Create.class);
    TaskBodies.Issue i = b.issue();
    return TaskRequest.of(
        b.title(),
        b.description(),
        b.acceptanceCriteria(),
        b.taskType(),
        b.agent(),
        i == null ? null : i.tracker(),
        i == null ? null : i.repo(),
        i == null ? null : i.number(),
        i != null,
        b.priority(),
        b.idempotencyKey(),
        b.timeoutSeconds());
  }

  private static TypeRules rules(Context ctx) {
    TaskBodies.Rules b = Bodies.read(ctx, TaskBodies.Rules.class);
    if (b.rules() == null) {
      throw new ServiceException.Invalid("'rules' is required (an ordered list)");
    }
    List<TypeRule> rules =
        b.rules().stream()
            .map(r -> new TypeRule(r.taskType(), r.keywords(), r.weight() == null ? 1 : r.weight()))
            .toList();
    return new TypeRules(rules, b.fallbackType() == null ? "triage" : b.fallbackType());
  }

  private static Map<String, Object> rulesView(TypeRules rules) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(
        "rules",
        rules.rules().stream()
            .map(r ->
                Map.of("task_type", r.taskType(), "keywords", r.keywords(), "weight", r.weight()))
            .toList());
    out.put("fallback_type", rules.fallbackType());
    return out;
  }

  private static TaskSettings settings(Context ctx) {
    TaskBodies.Settings b = Bodies.read(ctx, TaskBodies.Settings.class);
    TaskPolicy d = TaskPolicy.DEFAULT;
    TaskPolicy policy;
    try {
      policy =
          new TaskPolicy(
              b.maxAttempts() == null ? d.maxAttempts() : b.maxAttempts(),
              b.backoffSeconds() == null ? d.backoff() : Duration.ofSeconds(b.backoffSeconds()),
              b.escalateAfterSeconds() == null
                  ? d.escalateAfter()
                  : Duration.ofSeconds(b.escalateAfterSeconds()),
              b.reassign() == null ? d.reassign() : b.reassign(),
              b.escalate() == null ? d.escalate() : b.escalate());
    } catch (IllegalArgumentException e) {
      throw new ServiceException.Invalid(e.getMessage());
    }
    Optional<TaskSettings.Webhook> hook = Optional.empty();
    if (b.escalationWebhook() != null) {
      if (b.escalationWebhook().url() == null) {
        throw new ServiceException.Invalid("escalation_webhook.url is required");
      }
      URI url;
      try {
        url = URI.create(b.escalationWebhook().url());
      } catch (IllegalArgumentException e) {
        throw new ServiceException.Invalid("escalation_webhook.url is not a URL");
      }
      hook = Optional.of(new TaskSettings.Webhook(url, b.escalationWebhook().secret()));
    }
    TaskBodies.IssueRule r = b.issueRule();
    TaskSettings.IssueRule rule =
        r == null
            ? TaskSettings.IssueRule.OFF
            : new TaskSettings.IssueRule(
                Boolean.TRUE.equals(r.enabled()),
                Boolean.TRUE.equals(r.dryRun()),
                Optional.ofNullable(r.label()));
    Map<String, List<String>> repos = new LinkedHashMap<>();
    if (b.trackers() != null) {
      b.trackers()
          .forEach((tracker, t) -> {
            if (t == null || t.repos() == null) {
              throw new ServiceException.Invalid("trackers." + tracker + ".repos is required");
            }
            repos.put(tracker, t.repos());
          });
    }
    return new TaskSettings(
        policy,
        hook,
        Optional.ofNullable(b.githubWebhookSecret()),
        Optional.ofNullable(b.giteaWebhookSecret()),
        rule,
        new RepoAllowlist(repos),
        TaskSettings.verifiers(b.verifiers() == null ? Map.of() : b.verifiers()));
  }

  /** The settings with every secret shown only as set. */
  private static Map<String, Object> settingsView(TaskSettings s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("max_attempts", s.policy().maxAttempts());
    out.put("backoff_seconds", s.policy().backoff().toSeconds());
    out.put("escalate_after_seconds", s.policy().escalateAfter().toSeconds());
    out.put("reassign", s.policy().reassign());
    out.put("escalate", s.policy().escalate());
    s.escalationWebhook()
        .ifPresent(
            w -> out.put("escalation_webhook", Map.of("url", w.url().toString(), "secret", "set")));
    out.put("github_webhook_secret", s.githubSecret().isPresent() ? "set" : null);
    out.put("gitea_webhook_secret", s.giteaSecret().isPresent() ? "set" : null);
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("enabled", s.issueRule().enabled());
    rule.put("dry_run", s.issueRule().dryRun());
    rule.put("label", s.issueRule().label().orElse(null));
    out.put("issue_rule", rule);
    Map<String, Object> trackers = new LinkedHashMap<>();
    s.repos().repos().forEach((tracker, list) -> trackers.put(tracker, Map.of("repos", list)));
    out.put("trackers", trackers);
    Map<String, String> verifiers = new TreeMap<>();
    s.verifiers().forEach((type, v) -> verifiers.put(type, v.wire()));
    out.put("verifiers", verifiers);
    return out;
  }
}
