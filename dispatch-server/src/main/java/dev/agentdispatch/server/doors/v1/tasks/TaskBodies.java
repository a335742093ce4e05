package dev.agentdispatch.server.doors.v1.tasks;

import java.util.List;
import java.util.Map;

/** Wire forms of the task routes' request bodies; an unknown field is refused. */
final class TaskBodies {
  private TaskBodies() {}

  /** {@code POST /tasks}. */
  record Create(
      String title,
      String description,
      List<String> acceptanceCriteria,
      String taskType,
      String agent,
      Issue issue,
      Integer priority,
      String idempotencyKey,
      Integer timeoutSeconds) {}

  /** {@code {tracker, repo, number}}. */
  record Issue(String tracker, String repo, Long number) {}

  /** {@code PUT /tasks/type-rules}. */
  record Rules(List<Rule> rules, String fallbackType) {}

  record Rule(String taskType, List<String> keywords, Integer weight) {}

  /** {@code PUT /tasks/settings}; every field optional (the default applies). */
  record Settings(
      Integer maxAttempts,
      Integer backoffSeconds,
      Integer escalateAfterSeconds,
      Boolean reassign,
      Boolean escalate,
      Webhook escalationWebhook,
      String githubWebhookSecret,
      String giteaWebhookSecret,
      IssueRule issueRule,
      Map<String, TrackerRepos> trackers,
      Map<String, String> verifiers) {}

  /** {@code trackers.<tracker>}: the repositories tasks may be about. */
  record TrackerRepos(List<String> repos) {}

  record Webhook(String url, String secret) {}

  record IssueRule(Boolean enabled, Boolean dryRun, String label) {}
}
