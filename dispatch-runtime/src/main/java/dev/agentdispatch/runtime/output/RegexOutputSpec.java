package dev.agentdispatch.runtime.output;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Output matching a regular expression: found anywhere in the output, or the whole output with
 * {@code fullMatch}. Parses to the named groups that matched (a group that did not take part is
 * left out).
 */
public record RegexOutputSpec(Pattern pattern, boolean fullMatch)
    implements OutputSpec<Map<String, String>> {
  private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  public RegexOutputSpec {
    Objects.requireNonNull(pattern, "pattern is null");
  }

  /** Searches the output for {@code regex}. */
  public RegexOutputSpec(String regex) {
    this(Pattern.compile(regex), false);
  }

  @Override
  public Map<String, String> parse(String output) {
    Matcher m = pattern.matcher(output);
    boolean ok = fullMatch ? m.matches() : m.find();
    if (!ok) {
      throw new OutputValidationException(
          "output does not " + (fullMatch ? "fully match" : "match") + " /" + pattern + "/");
    }
    Map<String, String> groups = new LinkedHashMap<>();
    Matcher names = GROUP_NAME.matcher(pattern.pattern());
    while (names.find()) {
      String value = m.group(names.group(1));
      if (value != null) {
        groups.put(names.group(1), value);
      }
    }
    return groups;
  }
}
