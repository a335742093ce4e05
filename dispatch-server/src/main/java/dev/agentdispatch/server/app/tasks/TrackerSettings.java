package dev.agentdispatch.server.app.tasks;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the issue trackers are and the tokens the server acts with (server configuration, never
 * stored): {@code DISPATCH_GITHUB_API_URL} (default {@code https://api.github.com}) and {@code
 * DISPATCH_GITHUB_TOKEN}; {@code DISPATCH_GITEA_URL} (the server's root, the API is under {@code
 * /api/v1}) and {@code DISPATCH_GITEA_TOKEN}. A tracker without a URL is not used: tasks about its
 * issues are still routed, without labels or comments.
 */
public record TrackerSettings(Optional<Tracker> github, Optional<Tracker> gitea) {
  public static final TrackerSettings NONE =
      new TrackerSettings(Optional.empty(), Optional.empty());

  /** One tracker's API root and token. */
  public record Tracker(URI apiUrl, Optional<String> token) {
    public Tracker {
      Objects.requireNonNull(apiUrl, "apiUrl is null");
      Objects.requireNonNull(token, "token is null");
    }
  }

  public TrackerSettings {
    Objects.requireNonNull(github, "github is null");
    Objects.requireNonNull(gitea, "gitea is null");
  }

  /** From the process environment (see the class comment). */
  public static TrackerSettings fromEnvironment(Map<String, String> env) {
    Optional<String> ghToken = value(env, "DISPATCH_GITHUB_TOKEN");
    Optional<String> ghUrl = value(env, "DISPATCH_GITHUB_API_URL");
    Optional<Tracker> github =
        ghToken.isPresent() || ghUrl.isPresent()
            ? Optional.of(new Tracker(URI.create(ghUrl.orElse("https://api.github.com")), ghToken))
            : Optional.empty();
    Optional<Tracker> gitea =
        value(env, "DISPATCH_GITEA_URL")
            .map(u ->
                new Tracker(
                    URI.create(u.replaceAll("/+$", "") + "/api/v1"),
                    value(env, "DISPATCH_GITEA_TOKEN")));
    return new TrackerSettings(github, gitea);
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
  }

  Optional<Tracker> of(String tracker) {
    return tracker.equals("github") ? github : gitea;
  }
}
