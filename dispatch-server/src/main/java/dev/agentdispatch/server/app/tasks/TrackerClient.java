package dev.agentdispatch.server.app.tasks;

import dev.agentdispatch.core.task.IssueRef;
import dev.agentdispatch.server.app.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The GitHub and Gitea REST calls tasks make (issue labels, comments, state). Both APIs have the
 * same paths under their roots ({@code /repos/{owner}/{repo}/issues/{n}/labels|comments}); they
 * differ in the authorization scheme ({@code Bearer} for GitHub, {@code token} for Gitea). A 5xx, a
 * 429 or a rate-limited 403 is tried again after {@code Retry-After} (or until {@code
 * X-RateLimit-Reset} with no requests left, or a short backoff), a few times; what still fails
 * throws, and the caller's outbox item is tried again later: an outage delays side effects, never
 * loses them. Comments are posted idempotently: a marker in the body is looked for first.
 */
final class TrackerClient {
  private static final int TRIES = 4;
  private static final Duration MAX_WAIT = Duration.ofSeconds(30);

  private final TrackerSettings settings;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  TrackerClient(TrackerSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** Whether the issue's tracker is configured. */
  boolean configured(IssueRef issue) {
    return settings.of(issue.tracker()).isPresent();
  }

  void addLabel(IssueRef issue, String label) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.putArray("labels").add(label);
    send(issue, "POST", "/labels", Optional.of(Json.write(body)), true);
  }

  /**
   * Posts {@code text} unless a comment of the issue already contains {@code marker} (a retried
   * side effect after a crash between posting and recording it); returns whether it posted.
   */
  boolean commentOnce(IssueRef issue, String marker, String text) {
    for (int page = 1; page <= 50; page++) {
      JsonNode comments =
          Json.tree(
              send(issue, "GET", "/comments?per_page=100&page=" + page, Optional.empty(), true));
      for (JsonNode c : comments) {
        if (c.path("body").asString("").contains(marker)) {
          return false;
        }
      }
      if (comments.size() < 100) {
        break;
      }
    }
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("body", text + "\n\n" + marker);
    // Not retried here on a 5xx or a broken connection: the comment may have been stored. The
    // caller's outbox item is tried again, and looks for the marker first.
    send(issue, "POST", "/comments", Optional.of(Json.write(body)), false);
    return true;
  }

  /** {@code open} or {@code closed}. */
  String state(IssueRef issue) {
    return Json.tree(send(issue, "GET", "", Optional.empty(), true)).path("state").asString("open");
  }

  /**
   * @param idempotent whether repeating the request is harmless; if not, only a refusal that says
   *     nothing was done (429, rate-limited 403) is tried again here
   */
  private String send(
      IssueRef issue, String method, String suffix, Optional<String> body, boolean idempotent) {
    TrackerSettings.Tracker t =
        settings
            .of(issue.tracker())
            .orElseThrow(() ->
                new IllegalStateException("tracker " + issue.tracker() + " is not configured"));
    URI uri =
        URI.create(
            t.apiUrl().toString().replaceAll("/+$", "")
                + "/repos/"
                + issue.repo()
                + "/issues/"
                + issue.number()
                + suffix);
    for (int attempt = 1; ; attempt++) {
      HttpRequest.Builder req =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(15))
              .header("Accept", "application/json")
              .method(
                  method,
                  body.map(HttpRequest.BodyPublishers::ofString)
                      .orElse(HttpRequest.BodyPublishers.noBody()));
      body.ifPresent(b -> req.header("Content-Type", "application/json"));
      if (issue.tracker().equals("github")) {
        req.header("Accept", "application/vnd.github+json");
        req.header("X-GitHub-Api-Version", "2022-11-28");
      }
      t.token()
          .ifPresent(tok ->
              req.header(
                  "Authorization",
                  (issue.tracker().equals("github") ? "Bearer " : "token ") + tok));
      HttpResponse<String> resp;
      try {
        resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (attempt >= TRIES || !idempotent) {
          throw new IllegalStateException(issue.tracker() + " unreachable: " + e.getMessage(), e);
        }
        sleep(Duration.ofMillis(250L << attempt));
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      int status = resp.statusCode();
      if (status / 100 == 2) {
        return resp.body().isEmpty() ? "{}" : resp.body();
      }
      Optional<Duration> wait = retryWait(resp, attempt, idempotent);
      if (wait.isEmpty() || attempt >= TRIES) {
        throw new IllegalStateException(
            issue.tracker() + " answered " + status + " to " + method + " " + uri.getPath());
      }
      sleep(wait.get());
    }
  }

  /** How long to wait before trying again, or empty when the answer is final. */
  private Optional<Duration> retryWait(HttpResponse<String> resp, int attempt, boolean idempotent) {
    int status = resp.statusCode();
    boolean limited =
        status == 429
            || (status == 403
                && resp.headers().firstValue("x-ratelimit-remaining").orElse("").equals("0"));
    if (!limited && (status < 500 || !idempotent)) {
      return Optional.empty();
    }
    Optional<Duration> after =
        resp.headers()
            .firstValue("retry-after")
            .flatMap(TrackerClient::seconds)
            .or(() ->
                limited
                    ? resp.headers()
                        .firstValue("x-ratelimit-reset")
                        .flatMap(TrackerClient::seconds)
                        .map(reset ->
                            Duration.between(
                                clock.instant(), Instant.ofEpochSecond(reset.toSeconds())))
                    : Optional.empty());
    Duration wait = after.orElse(Duration.ofMillis(250L << attempt));
    if (wait.isNegative()) {
      wait = Duration.ZERO;
    }
    // Too long a wait is left to the outbox's own retry, not held on this thread.
    return wait.compareTo(MAX_WAIT) > 0 ? Optional.empty() : Optional.of(wait);
  }

  private static Optional<Duration> seconds(String v) {
    try {
      return Optional.of(Duration.ofSeconds(Long.parseLong(v.trim())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
