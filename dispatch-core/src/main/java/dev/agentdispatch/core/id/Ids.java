package dev.agentdispatch.core.id;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates UUIDv7 strings: time-ordered, so ids sort by creation time, which is what list
 * pagination and the claim order's tie-break rely on.
 *
 * <p>Within one millisecond the 12-bit {@code rand_a} field is used as a counter (RFC 9562 §6.2,
 * method 1), so ids made by one process are strictly increasing even at high rates.
 */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicLong LAST = new AtomicLong();

  private Ids() {}

  /** A new UUIDv7 in canonical lower-case form. */
  public static String uuid7() {
    long stamp = nextStamp();
    long millis = stamp >>> 12;
    long counter = stamp & 0xFFF;
    long msb = (millis << 16) | 0x7000L | counter;
    long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new java.util.UUID(msb, lsb).toString();
  }

  /**
   * Millisecond timestamp shifted left 12 bits plus a per-millisecond counter, never decreasing.
   */
  private static long nextStamp() {
    long now = System.currentTimeMillis() << 12;
    return LAST.updateAndGet(last -> now > last ? now : last + 1);
  }

  /** A random opaque token of {@code bytes} bytes, hex encoded (used for API keys). */
  public static String randomHex(int bytes) {
    byte[] buf = new byte[bytes];
    RANDOM.nextBytes(buf);
    StringBuilder sb = new StringBuilder(bytes * 2);
    for (byte b : buf) {
      sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return sb.toString();
  }
}
