package dev.agentdispatch.server.tracing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How Dispatch ids and OpenTelemetry ids map onto each other, so one id finds the work in both
 * places.
 *
 * <p>A Dispatch trace id is a UUID: its 32 hex digits, without the dashes, are the OTel trace id,
 * and an OTel trace id with dashes put back (8-4-4-4-12) is the Dispatch trace id. A client may
 * name a trace with any other string; that one is hashed into an OTel trace id (one way, but the
 * same string always gives the same trace).
 *
 * <p>The spans of stored work have ids derived from the invocation id (and the attempt number), so
 * every node, and a worker that knows only its lease, names the same span without asking anyone.
 */
public final class TraceIds {
  private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern HEX16 = Pattern.compile("[0-9a-f]{16}");
  private static final String ZERO_TRACE = "0".repeat(32);
  private static final String ZERO_SPAN = "0".repeat(16);
  private static final HexFormat HEX = HexFormat.of();

  private TraceIds() {}

  /** The 32-hex-digit OTel trace id of the Dispatch trace {@code traceId}. */
  public static String otelTraceId(String traceId) {
    String hex = traceId.replace("-", "").toLowerCase(Locale.ROOT);
    if (HEX32.matcher(hex).matches() && !hex.equals(ZERO_TRACE)) {
      return hex;
    }
    return HEX.formatHex(sha256(traceId), 0, 16);
  }

  /** The Dispatch trace id (UUID form) of the OTel trace id {@code otelTraceId}. */
  public static String dispatchTraceId(String otelTraceId) {
    if (!isTraceId(otelTraceId)) {
      throw new IllegalArgumentException("not an OTel trace id: '" + otelTraceId + "'");
    }
    return otelTraceId.substring(0, 8)
        + "-"
        + otelTraceId.substring(8, 12)
        + "-"
        + otelTraceId.substring(12, 16)
        + "-"
        + otelTraceId.substring(16, 20)
        + "-"
        + otelTraceId.substring(20);
  }

  /** The Dispatch trace id a lookup by {@code id} means: an OTel trace id is turned into one. */
  public static String lookupId(String id) {
    return isTraceId(id) ? dispatchTraceId(id) : id;
  }

  /** True for 32 lower-case hex digits, not all zero. */
  public static boolean isTraceId(String id) {
    return HEX32.matcher(id).matches() && !id.equals(ZERO_TRACE);
  }

  /** True for 16 lower-case hex digits, not all zero. */
  public static boolean isSpanId(String id) {
    return HEX16.matcher(id).matches() && !id.equals(ZERO_SPAN);
  }

  /** The span of invocation {@code invocationId}: from its creation to its end. */
  public static String invocationSpanId(String invocationId) {
    return derived("invocation\n" + invocationId);
  }

  /** The span of attempt {@code attempt} (counted over all its chains, from 1) of an invocation. */
  public static String attemptSpanId(String invocationId, int attempt) {
    return derived("attempt\n" + invocationId + "\n" + attempt);
  }

  /** A W3C {@code traceparent} naming a sampled span. */
  public static String traceparent(String otelTraceId, String spanId) {
    return "00-" + otelTraceId + "-" + spanId + "-01";
  }

  /**
   * The {@code traceparent} of attempt {@code attempt} of an invocation in Dispatch trace {@code
   * traceId}: what a worker parents its own span to.
   */
  public static String attemptTraceparent(String traceId, String invocationId, int attempt) {
    return traceparent(otelTraceId(traceId), attemptSpanId(invocationId, attempt));
  }

  /** The trace id and span id a well-formed {@code traceparent} names. */
  public static Optional<SpanRef> parse(String traceparent) {
    String[] parts = traceparent.trim().split("-");
    if (parts.length < 4
        || parts[0].length() != 2
        || parts[0].equals("ff")
        || !isTraceId(parts[1])
        || !isSpanId(parts[2])
        || parts[3].length() != 2) {
      return Optional.empty();
    }
    return Optional.of(new SpanRef(parts[1], parts[2]));
  }

  /** A span named by its trace and span ids. */
  public record SpanRef(String traceId, String spanId) {
    public SpanRef {
      if (!isTraceId(traceId) || !isSpanId(spanId)) {
        throw new IllegalArgumentException("not a span: " + traceId + "/" + spanId);
      }
    }
  }

  private static String derived(String seed) {
    byte[] digest = sha256(seed);
    // Eight bytes at a time until one is not all zero (a zero span id is invalid).
    for (int i = 0; i + 8 <= digest.length; i += 8) {
      String id = HEX.formatHex(digest, i, i + 8);
      if (!id.equals(ZERO_SPAN)) {
        return id;
      }
    }
    return "0000000000000001";
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
