package dev.agentdispatch.runtime.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * ISO-8601 UTC timestamps in the form Python's {@code datetime.isoformat()} produces ({@code
 * 2026-01-01T00:00:00.123456+00:00}, fraction omitted when zero), so that serialised events compare
 * equal across the two implementations.
 */
public final class Timestamps {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");

  private Timestamps() {}

  /** Formats an instant at microsecond precision, in UTC. */
  public static String format(Instant instant) {
    OffsetDateTime t = instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    return (t.getNano() == 0 ? SECONDS : MICROS).format(t);
  }

  /** Parses either form ({@code +00:00} or {@code Z}). */
  public static Instant parse(String text) {
    return OffsetDateTime.parse(text).toInstant();
  }
}
