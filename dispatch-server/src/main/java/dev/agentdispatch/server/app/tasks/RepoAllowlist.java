package dev.agentdispatch.server.app.tasks;

import dev.agentdispatch.core.task.IssueRef;
import dev.agentdispatch.server.app.ServiceException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The repositories a namespace's tasks may be about, per tracker ({@code trackers: {github: {repos:
 * [...]}}} in the task settings). The tracker token is the server's, shared by every namespace, so
 * without this list any caller with invoke rights could make the server label and comment on any
 * repository the token reaches. Each entry is {@code owner/name} or {@code owner/*} (every
 * repository of that owner); a tracker without entries allows none.
 */
public record RepoAllowlist(Map<String, List<String>> repos) {
  public static final int MAX_ENTRIES = 200;
  public static final RepoAllowlist NONE = new RepoAllowlist(Map.of());

  public RepoAllowlist {
    Objects.requireNonNull(repos, "repos is null");
    Map<String, List<String>> copy = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : repos.entrySet()) {
      String tracker = e.getKey();
      if (!tracker.equals("github") && !tracker.equals("gitea")) {
        throw new ServiceException.Invalid(
            "trackers may name github and gitea only, got '" + tracker + "'");
      }
      List<String> list = e.getValue() == null ? List.of() : List.copyOf(e.getValue());
      if (list.size() > MAX_ENTRIES) {
        throw new ServiceException.Invalid(
            "trackers." + tracker + ".repos has more than " + MAX_ENTRIES + " entries");
      }
      for (String r : list) {
        if (!validEntry(r)) {
          throw new ServiceException.Invalid(
              "trackers."
                  + tracker
                  + ".repos entries must be owner/name or owner/*, got '"
                  + r
                  + "'");
        }
      }
      copy.put(tracker, list);
    }
    repos = Map.copyOf(copy);
  }

  private static boolean validEntry(String r) {
    if (r == null) {
      return false;
    }
    if (r.endsWith("/*")) {
      return IssueRef.plainRepo(r.substring(0, r.length() - 1) + "x");
    }
    return IssueRef.plainRepo(r);
  }

  /** Whether a task may be about this issue. */
  public boolean allows(IssueRef issue) {
    String owner = issue.repo().substring(0, issue.repo().indexOf('/'));
    for (String r : repos.getOrDefault(issue.tracker(), List.of())) {
      if (r.equalsIgnoreCase(issue.repo()) || r.equalsIgnoreCase(owner + "/*")) {
        return true;
      }
    }
    return false;
  }

  /** Refuses (403) a task about an issue outside the list, naming the setting to change. */
  public void check(String namespace, IssueRef issue) {
    if (!allows(issue)) {
      throw new ServiceException.Forbidden(
          "repository '"
              + issue.repo()
              + "' is not in the "
              + issue.tracker()
              + " allowlist of namespace '"
              + namespace
              + "' (trackers."
              + issue.tracker()
              + ".repos in PUT /v1/namespaces/"
              + namespace
              + "/tasks/settings)");
    }
  }
}
