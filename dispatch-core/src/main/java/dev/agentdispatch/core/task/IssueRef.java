package dev.agentdispatch.core.task;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An issue in a tracker that a task is about.
 *
 * @param tracker {@code github} or {@code gitea}
 * @param repo {@code owner/name}
 */
public record IssueRef(String tracker, String repo, long number) {
  private static final Pattern REPO =
      Pattern.compile("[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}");

  public IssueRef {
    Objects.requireNonNull(tracker, "tracker is null");
    Objects.requireNonNull(repo, "repo is null");
    if (!tracker.equals("github") && !tracker.equals("gitea")) {
      throw new IllegalArgumentException(
          "issue.tracker must be github or gitea, got '" + tracker + "'");
    }
    if (!REPO.matcher(repo).matches()) {
      throw new IllegalArgumentException("issue.repo must be owner/name, got '" + repo + "'");
    }
    if (number < 1) {
      throw new IllegalArgumentException("issue.number must be positive, got " + number);
    }
  }
}
