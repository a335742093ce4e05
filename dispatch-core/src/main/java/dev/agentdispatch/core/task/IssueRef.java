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
  /** One segment of {@code owner/name}: the characters GitHub and Gitea allow, 1 to 100. */
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

  public IssueRef {
    Objects.requireNonNull(tracker, "tracker is null");
    Objects.requireNonNull(repo, "repo is null");
    if (!tracker.equals("github") && !tracker.equals("gitea")) {
      throw new IllegalArgumentException(
          "issue.tracker must be github or gitea, got '" + tracker + "'");
    }
    if (!plainRepo(repo)) {
      throw new IllegalArgumentException(
          "issue.repo must be a plain owner/name (letters, digits, '_', '.', '-'; no '..'), got '"
              + repo
              + "'");
    }
    if (number < 1) {
      throw new IllegalArgumentException("issue.number must be positive, got " + number);
    }
  }

  /**
   * Whether {@code repo} is exactly two non-empty segments of allowed characters, neither of them
   * {@code .} nor containing {@code ..}: the repository is spliced into tracker API paths, so
   * nothing in it may walk elsewhere.
   */
  public static boolean plainRepo(String repo) {
    String[] parts = repo.split("/", -1);
    if (parts.length != 2) {
      return false;
    }
    for (String p : parts) {
      if (!SEGMENT.matcher(p).matches() || p.equals(".") || p.contains("..")) {
        return false;
      }
    }
    return true;
  }
}
