package dev.agentdispatch.server.app.llm.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The W3C {@code traceparent} a forwarded call carries. Our trace ids are UUIDs, whose 32 hex
 * digits are a W3C trace id as they are; any other id is hashed into one, so the same trace always
 * maps to the same W3C trace. Each forwarded call is a new span.
 */
final class Traceparent {
  private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");
  private static final String ZERO_TRACE = "0".repeat(32);
  private static final HexFormat HEX = HexFormat.of();

  private Traceparent() {}

  /** The header for a call in trace {@code traceId}: {@code 00-<trace>-<span>-01}. */
  static String of(String traceId) {
    return "00-" + w3cTraceId(traceId) + "-" + spanId() + "-01";
  }

  /** The 32-hex-digit W3C trace id of {@code traceId}. */
  static String w3cTraceId(String traceId) {
    String hex = traceId.replace("-", "").toLowerCase(Locale.ROOT);
    if (HEX32.matcher(hex).matches() && !hex.equals(ZERO_TRACE)) {
      return hex;
    }
    return HEX.formatHex(sha256(traceId), 0, 16);
  }

  /** The trace id the client's own {@code traceparent} names, if it is well formed. */
  static Optional<String> traceIdOf(String traceparent) {
    String[] parts = traceparent.trim().split("-");
    return parts.length == 4 && HEX32.matcher(parts[1]).matches() && !parts[1].equals(ZERO_TRACE)
        ? Optional.of(parts[1])
        : Optional.empty();
  }

  private static String spanId() {
    long span;
    do {
      span = ThreadLocalRandom.current().nextLong();
    } while (span == 0);
    return String.format("%016x", span);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
