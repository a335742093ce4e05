package dev.agentdispatch.server.app.tasks;

import dev.agentdispatch.core.task.TaskPolicy;
import dev.agentdispatch.core.task.TaskVerifier;
import dev.agentdispatch.server.app.Check;
import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.ServiceException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A namespace's task settings, set through {@code PUT /v1/namespaces/{ns}/tasks/settings} (an
 * admin's call): the retry and escalation policy new tasks get, where escalations are announced,
 * the secrets tracker webhooks are signed with, whether tracker issues become tasks, which
 * repositories tasks may be about, and which task types pass a verifier before they complete.
 *
 * @param escalationWebhook a URL each escalation is POSTed to, signed with its secret
 * @param githubSecret the secret GitHub signs this namespace's webhook deliveries with; absent: the
 *     GitHub webhook route refuses every delivery
 * @param giteaSecret the same for Gitea
 * @param issueRule whether {@code issues.opened} and {@code issues.labeled} deliveries become tasks
 * @param repos the repositories tasks may be about, per tracker (none by default)
 * @param verifiers per task type, the function that judges a result before the task completes
 */
public record TaskSettings(
    TaskPolicy policy,
    Optional<Webhook> escalationWebhook,
    Optional<String> githubSecret,
    Optional<String> giteaSecret,
    IssueRule issueRule,
    RepoAllowlist repos,
    Map<String, TaskVerifier> verifiers) {
  public static final int MAX_VERIFIERS = 100;
  public static final TaskSettings DEFAULT =
      new TaskSettings(
          TaskPolicy.DEFAULT,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          IssueRule.OFF,
          RepoAllowlist.NONE,
          Map.of());

  public TaskSettings {
    Objects.requireNonNull(policy, "policy is null");
    Objects.requireNonNull(escalationWebhook, "escalationWebhook is null");
    Objects.requireNonNull(githubSecret, "githubSecret is null");
    Objects.requireNonNull(giteaSecret, "giteaSecret is null");
    Objects.requireNonNull(issueRule, "issueRule is null");
    Objects.requireNonNull(repos, "repos is null");
    verifiers = Map.copyOf(verifiers);
    if (verifiers.size() > MAX_VERIFIERS) {
      throw new ServiceException.Invalid("verifiers has more than " + MAX_VERIFIERS + " types");
    }
    verifiers.keySet().forEach(t -> Check.name(t, "verifiers key (a task type)"));
    githubSecret.ifPresent(s -> checkSecret(s, "github_webhook_secret"));
    giteaSecret.ifPresent(s -> checkSecret(s, "gitea_webhook_secret"));
  }

  /**
   * Reads a {@code verifiers} map from the wire: each value must be {@code agent.function}; any
   * other shape is a 400 naming the type.
   */
  public static Map<String, TaskVerifier> verifiers(Map<String, String> wire) {
    Map<String, TaskVerifier> out = new TreeMap<>();
    for (Map.Entry<String, String> e : wire.entrySet()) {
      if (e.getValue() == null) {
        throw new ServiceException.Invalid("verifiers." + e.getKey() + " must be 'agent.function'");
      }
      try {
        out.put(e.getKey(), TaskVerifier.parse(e.getValue()));
      } catch (IllegalArgumentException ex) {
        throw new ServiceException.Invalid("verifiers." + e.getKey() + ": " + ex.getMessage());
      }
    }
    return out;
  }

  /** The policy a new task of {@code taskType} gets: the retry rules and its type's verifier. */
  public TaskPolicy policyFor(String taskType) {
    return policy.withVerifier(Optional.ofNullable(verifiers.get(taskType)));
  }

  /** An http(s) URL and the HMAC-SHA256 secret its deliveries are signed with. */
  public record Webhook(URI url, String secret) {
    public Webhook {
      Objects.requireNonNull(url, "url is null");
      if (url.getScheme() == null
          || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
          || url.getHost() == null) {
        throw new ServiceException.Invalid(
            "escalation_webhook.url must be an absolute http(s) URL, got '" + url + "'");
      }
      TaskSettings.checkSecret(secret, "escalation_webhook.secret");
    }
  }

  /**
   * @param enabled issues opened (or labeled with {@code label}) become tasks
   * @param dryRun record what would be created (an event on {@code tasks.triage.dry_run}) without
   *     creating it
   * @param label only issues carrying this label; absent: every opened issue
   */
  public record IssueRule(boolean enabled, boolean dryRun, Optional<String> label) {
    public static final IssueRule OFF = new IssueRule(false, false, Optional.empty());

    public IssueRule {
      Objects.requireNonNull(label, "label is null");
      if (!enabled && (dryRun || label.isPresent())) {
        throw new ServiceException.Invalid(
            "issue_rule.dry_run and issue_rule.label apply only when issue_rule.enabled is true");
      }
    }
  }

  private static void checkSecret(String s, String field) {
    if (s == null || s.length() < 8 || s.length() > 256) {
      throw new ServiceException.Invalid(field + " must be 8 to 256 characters");
    }
  }

  String toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("max_attempts", policy.maxAttempts());
    o.put("backoff_ms", policy.backoff().toMillis());
    o.put("escalate_after_ms", policy.escalateAfter().toMillis());
    o.put("reassign", policy.reassign());
    o.put("escalate", policy.escalate());
    escalationWebhook.ifPresent(w -> {
      o.put("webhook_url", w.url().toString());
      o.put("webhook_secret", w.secret());
    });
    githubSecret.ifPresent(s -> o.put("github_secret", s));
    giteaSecret.ifPresent(s -> o.put("gitea_secret", s));
    o.put("issue_rule_enabled", issueRule.enabled());
    o.put("issue_rule_dry_run", issueRule.dryRun());
    issueRule.label().ifPresent(l -> o.put("issue_rule_label", l));
    ObjectNode trackers = o.putObject("trackers");
    repos
        .repos()
        .forEach((tracker, list) -> {
          ArrayNode a = trackers.putObject(tracker).putArray("repos");
          list.forEach(a::add);
        });
    ObjectNode v = o.putObject("verifiers");
    new TreeMap<>(verifiers).forEach((type, f) -> v.put(type, f.wire()));
    return Json.write(o);
  }

  static TaskSettings fromJson(String json) {
    JsonNode o = Json.tree(json);
    return new TaskSettings(
        new TaskPolicy(
            o.get("max_attempts").asInt(),
            Duration.ofMillis(o.get("backoff_ms").asLong()),
            Duration.ofMillis(o.get("escalate_after_ms").asLong()),
            o.get("reassign").asBoolean(),
            o.get("escalate").asBoolean()),
        o.has("webhook_url")
            ? Optional.of(
                new Webhook(
                    URI.create(o.get("webhook_url").asString()),
                    o.get("webhook_secret").asString()))
            : Optional.empty(),
        text(o, "github_secret"),
        text(o, "gitea_secret"),
        new IssueRule(
            o.path("issue_rule_enabled").asBoolean(false),
            o.path("issue_rule_dry_run").asBoolean(false),
            text(o, "issue_rule_label")),
        readRepos(o.path("trackers")),
        readVerifiers(o.path("verifiers")));
  }

  private static RepoAllowlist readRepos(JsonNode trackers) {
    Map<String, List<String>> repos = new LinkedHashMap<>();
    for (String tracker : trackers.propertyNames()) {
      List<String> list = new ArrayList<>();
      trackers.get(tracker).path("repos").forEach(r -> list.add(r.asString()));
      repos.put(tracker, list);
    }
    return new RepoAllowlist(repos);
  }

  private static Map<String, TaskVerifier> readVerifiers(JsonNode v) {
    Map<String, String> wire = new LinkedHashMap<>();
    for (String type : v.propertyNames()) {
      wire.put(type, v.get(type).asString());
    }
    return verifiers(wire);
  }

  private static Optional<String> text(JsonNode o, String field) {
    return o.has(field) ? Optional.of(o.get(field).asString()) : Optional.empty();
  }
}
