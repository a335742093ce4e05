package dev.agentdispatch.server.app.llm.gateway;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** How long to wait before retrying a provider: its {@code Retry-After}, else exponential. */
final class Backoff {
  private Backoff() {}

  /**
   * The wait before retry {@code retry} (1 for the first), with up to a fifth of jitter so callers
   * that failed together do not come back together.
   */
  static Duration exponential(Duration first, int retry) {
    long base = first.toMillis() << Math.min(retry - 1, 10);
    long jitter = base / 5 == 0 ? 0 : ThreadLocalRandom.current().nextLong(base / 5);
    return Duration.ofMillis(base + jitter);
  }

  /** A {@code Retry-After} value: seconds, or an HTTP date. */
  static Optional<Duration> retryAfter(String value, Instant now) {
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(now, at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }
}
