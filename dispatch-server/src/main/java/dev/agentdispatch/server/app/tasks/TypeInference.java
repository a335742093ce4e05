package dev.agentdispatch.server.app.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Infers a task's type from its title and description by keyword rules (DESIGN §11). */
final class TypeInference {
  private TypeInference() {}

  /**
   * The decision and what it rests on.
   *
   * @param matched the keywords found for the chosen type, in rule order
   * @param scores every type that scored, by score
   */
  record Inferred(
      String taskType, List<String> matched, Map<String, Integer> scores, String reason) {}

  static Inferred infer(TypeRules rules, String title, Optional<String> description) {
    String text = title + "\n" + description.orElse("");
    Map<String, Integer> scores = new LinkedHashMap<>();
    Map<String, List<String>> words = new LinkedHashMap<>();
    for (TypeRule rule : rules.rules()) {
      for (String k : rule.keywords()) {
        if (TypeRule.pattern(k).matcher(text).find()) {
          scores.merge(rule.taskType(), rule.weight(), Integer::sum);
          words.computeIfAbsent(rule.taskType(), t -> new ArrayList<>()).add(k);
        }
      }
    }
    // The highest score wins; among equals the type whose rule came first (insertion order).
    String best = null;
    int bestScore = 0;
    for (Map.Entry<String, Integer> e : scores.entrySet()) {
      if (e.getValue() > bestScore) {
        best = e.getKey();
        bestScore = e.getValue();
      }
    }
    if (best == null) {
      return new Inferred(
          rules.fallbackType(),
          List.of(),
          scores,
          "no rule matched the title or description: the fallback type '"
              + rules.fallbackType()
              + "'");
    }
    List<String> matched = words.get(best);
    return new Inferred(
        best,
        matched,
        scores,
        "inferred '" + best + "' (score " + bestScore + ") from the words " + matched);
  }
}
