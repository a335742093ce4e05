package dev.agentdispatch.server.app.tasks;

import dev.agentdispatch.core.agent.Names;
import dev.agentdispatch.server.app.ServiceException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One keyword rule of task type inference: each of its words found in a task's title or description
 * adds {@code weight} to {@code taskType}'s score.
 *
 * @param keywords lower-case words or phrases, matched as whole words, case-insensitively
 * @param weight 1 to 100
 */
public record TypeRule(String taskType, List<String> keywords, int weight) {
  public static final int MAX_KEYWORDS = 100;

  public TypeRule {
    if (taskType == null || !Names.valid(taskType)) {
      throw new ServiceException.Invalid("a rule's task_type is not a valid name: " + taskType);
    }
    if (keywords == null || keywords.isEmpty() || keywords.size() > MAX_KEYWORDS) {
      throw new ServiceException.Invalid(
          "rule '" + taskType + "' needs 1 to " + MAX_KEYWORDS + " keywords");
    }
    keywords = keywords.stream().map(k -> k.strip().toLowerCase(Locale.ROOT)).toList();
    for (String k : keywords) {
      if (k.isEmpty() || k.length() > 64) {
        throw new ServiceException.Invalid(
            "rule '" + taskType + "' has an empty or over-long (64+) keyword");
      }
    }
    if (weight < 1 || weight > 100) {
      throw new ServiceException.Invalid(
          "rule '" + taskType + "' weight must be between 1 and 100, got " + weight);
    }
  }

  /** The keyword as a whole-word pattern. */
  static Pattern pattern(String keyword) {
    return Pattern.compile(
        "(?<![\\p{L}\\p{N}_])" + Pattern.quote(keyword) + "(?![\\p{L}\\p{N}_])",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }
}
