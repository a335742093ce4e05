package dev.agentdispatch.runtime.hooks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Replaces personal data with {@code [REDACTED]} in the prompt (before the model), the model's
 * result (after it) and the tool arguments (before the tool). Strings, map values and list items
 * are scrubbed recursively; other values pass through.
 */
public final class RedactPiiHook implements Hook {
  /** SSN, e-mail, a loose 13–19 digit card number, IPv4, and 40+ character tokens. */
  public static final List<Pattern> DEFAULT_PATTERNS =
      List.of(
          Pattern.compile("\\b\\d{3}-\\d{2}-\\d{4}\\b"),
          Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"),
          Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b"),
          Pattern.compile("\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b"),
          Pattern.compile("[A-Za-z0-9_-]{40,}"));

  private final List<Pattern> patterns;
  private final String replacement;

  public RedactPiiHook() {
    this(DEFAULT_PATTERNS, "[REDACTED]");
  }

  /**
   * @param patterns what to redact; must not be empty (use {@link #DEFAULT_PATTERNS} for the
   *     defaults), since a hook that redacts nothing would pass personal data on while looking in
   *     place
   */
  public RedactPiiHook(List<Pattern> patterns, String replacement) {
    this.patterns = List.copyOf(patterns);
    if (this.patterns.isEmpty()) {
      throw new IllegalArgumentException("patterns must not be empty");
    }
    this.replacement = Objects.requireNonNull(replacement, "replacement is null");
  }

  @Override
  public void beforeModel(HookContext ctx) {
    ctx.prompt().ifPresent(p -> ctx.prompt(scrub(p)));
  }

  @Override
  public Object afterModel(HookContext ctx, Object result) {
    return scrub(result);
  }

  @Override
  public void beforeTool(HookContext ctx) {
    ctx.args().replaceAll((k, v) -> scrub(v));
  }

  /** Scrubs a value recursively. */
  public Object scrub(Object value) {
    if (value instanceof String s) {
      String out = s;
      for (Pattern p : patterns) {
        out = p.matcher(out).replaceAll(java.util.regex.Matcher.quoteReplacement(replacement));
      }
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, scrub(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(scrub(v)));
      return out;
    }
    return value;
  }
}
