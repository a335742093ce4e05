package dev.agentdispatch.server.app.tasks;

import dev.agentdispatch.core.agent.Names;
import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.events.EventService;
import dev.agentdispatch.server.app.events.PublishRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Webhook deliveries from GitHub and Gitea (DESIGN §11): each is verified against its namespace's
 * secret (HMAC-SHA256 of the raw body), published once per delivery id (the event's idempotency
 * key, so a redelivery publishes nothing new) on {@code github.<event>.<action>} (or {@code
 * github.<event>} without an action) for agents that listen with {@code @on(github_event=…)};
 * Gitea's deliveries, which follow GitHub's payload shapes, go to the same topics. When the
 * namespace's issue rule is on, {@code issues.opened} and {@code issues.labeled} also create a
 * routed task (one per issue), or with {@code dry_run} only say what they would create.
 */
public final class TrackerWebhooks {
  private static final Pattern WORD = Pattern.compile("[a-z0-9_]{1,64}");

  private final TaskService tasks;
  private final EventService events;

  public TrackerWebhooks(TaskService tasks, EventService events) {
    this.tasks = tasks;
    this.events = events;
  }

  /** Which tracker sent a delivery. */
  public enum Source {
    GITHUB,
    GITEA;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A delivery as received.
   *
   * @param signature the signature header's value: {@code sha256=<hex>} (GitHub) or {@code <hex>}
   *     (Gitea)
   */
  public record Delivery(
      Source source,
      Optional<String> event,
      Optional<String> deliveryId,
      Optional<String> signature,
      byte[] body) {}

  /**
   * What became of a delivery.
   *
   * @param taskId the task it created (or found, for a repeat); empty when the issue rule did not
   *     apply
   * @param dryRunType with a dry-run issue rule: the type the task would have
   */
  public record Received(
      String topic,
      String eventId,
      boolean deduplicated,
      Optional<String> taskId,
      Optional<String> dryRunType) {}

  public Received receive(String namespace, Delivery d) {
    if (!Names.valid(namespace)) {
      throw new ServiceException.Invalid("namespace '" + namespace + "' is not a valid name");
    }
    TaskSettings settings = tasks.settings(namespace);
    Optional<String> secret =
        d.source() == Source.GITHUB ? settings.githubSecret() : settings.giteaSecret();
    if (secret.isEmpty()) {
      throw new ServiceException.Unauthenticated(
          "no "
              + d.source().wire()
              + " webhook secret is set for namespace '"
              + namespace
              + "' (PUT /v1/namespaces/"
              + namespace
              + "/tasks/settings)");
    }
    String given =
        d.signature()
            .map(s -> d.source() == Source.GITHUB && s.startsWith("sha256=") ? s.substring(7) : s)
            .orElseThrow(() -> new ServiceException.Unauthenticated("the delivery is not signed"));
    if (!Hmac.verify(secret.get(), d.body(), given)) {
      throw new ServiceException.Unauthenticated("the delivery's signature does not match");
    }
    String deliveryId =
        d.deliveryId()
            .filter(id -> !id.isBlank() && id.length() <= 100)
            .orElseThrow(() -> new ServiceException.Invalid("the delivery id header is missing"));
    String event =
        d.event()
            .map(e -> e.toLowerCase(Locale.ROOT))
            .filter(e -> WORD.matcher(e).matches())
            .orElseThrow(
                () -> new ServiceException.Invalid("the event header is missing or not a word"));
    JsonNode body;
    try {
      body = Json.tree(new String(d.body(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (JacksonException e) {
      throw new ServiceException.Invalid(
          "the delivery body is not JSON: " + e.getOriginalMessage());
    }
    if (!body.isObject()) {
      throw new ServiceException.Invalid("the delivery body is not a JSON object");
    }
    Optional<String> action =
        Optional.ofNullable(body.get("action"))
            .filter(JsonNode::isString)
            .map(a -> a.asString().toLowerCase(Locale.ROOT))
            .filter(a -> WORD.matcher(a).matches());
    String topic = "github." + event + action.map(a -> "." + a).orElse("");
    // The task an issue becomes is built and checked before anything is published: a delivery
    // refused for its issue (a bad body, a repository outside the allowlist) leaves no event.
    TaskSettings.IssueRule rule = settings.issueRule();
    Optional<TaskRequest> request = Optional.empty();
    if (rule.enabled() && event.equals("issues") && ruleApplies(rule, action, body)) {
      request = Optional.of(issueTask(d.source(), body));
      tasks.check(namespace, request.get());
    }
    EventService.Published published =
        events.publish(
            namespace,
            new PublishRequest(
                topic,
                body,
                Optional.of(d.source().wire() + "-webhook"),
                Optional.empty(),
                Optional.empty(),
                Optional.of(d.source().wire() + ":" + deliveryId)));
    Optional<String> taskId = Optional.empty();
    Optional<String> dryRun = Optional.empty();
    if (request.isPresent()) {
      if (rule.dryRun()) {
        dryRun = Optional.of(tasks.inferType(namespace, request.get()));
      } else {
        taskId = Optional.of(tasks.createFromIssue(namespace, request.get()).task().id());
      }
    }
    return new Received(topic, published.event().id(), published.deduplicated(), taskId, dryRun);
  }

  private static boolean ruleApplies(
      TaskSettings.IssueRule rule, Optional<String> action, JsonNode body) {
    if (action.isEmpty() || !(action.get().equals("opened") || action.get().equals("labeled"))) {
      return false;
    }
    if (rule.label().isEmpty()) {
      return action.get().equals("opened");
    }
    for (JsonNode l : body.path("issue").path("labels")) {
      if (rule.label().get().equals(l.path("name").asString(""))) {
        return true;
      }
    }
    return false;
  }

  /** One key per issue; a long repository name is hashed so the key stays within 128 characters. */
  static String issueKey(Source source, String repo, long number) {
    String key = "issue:" + source.wire() + ":" + repo + "#" + number;
    return key.length() <= dev.agentdispatch.server.app.Check.MAX_ID_LENGTH
        ? key
        : "issue:"
            + source.wire()
            + ":"
            + Hmac.sha256Hex("issue", key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The task an issue becomes: one per issue (its key), whatever deliveries announce it. */
  private static TaskRequest issueTask(Source source, JsonNode body) {
    JsonNode issue = body.path("issue");
    String repo = body.path("repository").path("full_name").asString("");
    long number = issue.path("number").asLong(0);
    String title = issue.path("title").asString("");
    if (repo.isEmpty() || number < 1 || title.isBlank()) {
      throw new ServiceException.Invalid(
          "an issues delivery needs issue.number, issue.title and repository.full_name");
    }
    String bodyText = issue.path("body").asString("");
    return TaskRequest.of(
        title.length() > TaskRequest.MAX_TITLE ? title.substring(0, TaskRequest.MAX_TITLE) : title,
        bodyText.isBlank()
            ? null
            : bodyText.substring(0, Math.min(bodyText.length(), TaskRequest.MAX_DESCRIPTION)),
        List.of(),
        null,
        null,
        source.wire(),
        repo,
        number,
        true,
        null,
        issueKey(source, repo, number),
        null);
  }
}
