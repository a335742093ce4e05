package dev.agentdispatch.runtime.guardrails;

import dev.agentdispatch.runtime.internal.Checks;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Blocks when any deny pattern is found: pre checks the tool name, post checks {@code
 * String.valueOf(result)}. The patterns are joined into one alternation {@code (?:p1)|(?:p2)…},
 * case-insensitive by default.
 */
public final class PatternGuardrail implements Guardrail {
  private final String name;
  private final Pattern pattern;
  private final Set<GuardrailStage> stages;

  public PatternGuardrail(
      List<String> denyPatterns, Set<GuardrailStage> stages, String name, int flags) {
    Objects.requireNonNull(denyPatterns, "denyPatterns is null");
    if (denyPatterns.isEmpty()) {
      throw new IllegalArgumentException("deny_patterns must be non-empty");
    }
    this.name = Checks.nonBlank(name, "name");
    this.stages = Set.copyOf(stages);
    this.pattern =
        Pattern.compile(
            denyPatterns.stream().map(p -> "(?:" + p + ")").collect(Collectors.joining("|")),
            flags);
  }

  /** Both stages, name "pattern", case-insensitive. */
  public PatternGuardrail(List<String> denyPatterns) {
    this(denyPatterns, EnumSet.allOf(GuardrailStage.class), "pattern", Pattern.CASE_INSENSITIVE);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public GuardrailOutcome checkPre(String role, String tool) {
    return stages.contains(GuardrailStage.PRE) ? scan(tool) : GuardrailOutcome.ALLOW;
  }

  @Override
  public GuardrailOutcome checkPost(Object value, String role, String tool) {
    return stages.contains(GuardrailStage.POST)
        ? scan(String.valueOf(value))
        : GuardrailOutcome.ALLOW;
  }

  private GuardrailOutcome scan(String text) {
    Matcher m = pattern.matcher(text);
    if (m.find()) {
      return GuardrailOutcome.block(
          "matched deny pattern at position " + m.start() + ": '" + m.group() + "'");
    }
    return GuardrailOutcome.ALLOW;
  }
}
