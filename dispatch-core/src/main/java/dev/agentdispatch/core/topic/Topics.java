package dev.agentdispatch.core.topic;

import java.util.regex.Pattern;

/**
 * Topic names and subscription patterns (DESIGN §5). Topics are dot-separated segments of letters,
 * digits, {@code _}, {@code -} and {@code :}. In a pattern, {@code *} matches exactly one segment,
 * except as the last segment, where it matches one or more remaining segments ({@code github.*}
 * matches {@code github.pull_request.opened}, as dispatch-agents does).
 */
public final class Topics {
  public static final int MAX_LENGTH = 255;
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_\\-:]+");

  private Topics() {}

  /**
   * Throws {@link IllegalArgumentException} naming the problem when {@code topic} is not
   * publishable.
   */
  public static String requireTopic(String topic) {
    check(topic, false);
    return topic;
  }

  /**
   * Throws {@link IllegalArgumentException} naming the problem when {@code pattern} is not a valid
   * subscription.
   */
  public static String requirePattern(String pattern) {
    check(pattern, true);
    return pattern;
  }

  private static void check(String value, boolean wildcards) {
    String what = wildcards ? "topic pattern" : "topic";
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(what + " is longer than " + MAX_LENGTH + " characters");
    }
    String[] segments = value.split("\\.", -1);
    for (String segment : segments) {
      if (segment.isEmpty()) {
        throw new IllegalArgumentException(what + " '" + value + "' has an empty segment");
      }
      if (segment.equals("*")) {
        if (!wildcards) {
          throw new IllegalArgumentException(
              "topic '" + value + "' contains '*': wildcards are only for subscriptions");
        }
      } else if (!SEGMENT.matcher(segment).matches()) {
        throw new IllegalArgumentException(
            what
                + " '"
                + value
                + "' has an invalid segment '"
                + segment
                + "': use letters, digits, '_', '-' or ':'"
                + (wildcards ? ", or '*' alone" : ""));
      }
    }
  }

  /** True when {@code topic} matches the subscription {@code pattern} (both assumed valid). */
  public static boolean matches(String pattern, String topic) {
    String[] p = pattern.split("\\.");
    String[] t = topic.split("\\.");
    for (int i = 0; i < p.length; i++) {
      boolean last = i == p.length - 1;
      if (p[i].equals("*") && last) {
        return t.length >= p.length;
      }
      if (i >= t.length || !(p[i].equals("*") || p[i].equals(t[i]))) {
        return false;
      }
    }
    return t.length == p.length;
  }
}
