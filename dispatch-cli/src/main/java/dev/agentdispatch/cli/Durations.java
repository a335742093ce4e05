package dev.agentdispatch.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations people type: {@code 7d}, {@code 12h}, {@code 30m}, {@code 45s}, or ISO-8601
 * ({@code PT2H}).
 */
final class Durations {
  private static final Pattern SHORT = Pattern.compile("(\\d+)([smhd])");

  private Durations() {}

  static Duration parse(String text, String option) {
    Matcher m = SHORT.matcher(text.trim());
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(text.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          option + " '" + text + "' is not a duration: use e.g. 7d, 12h, 30m or PT2H");
    }
  }
}
