package dev.agentdispatch.bench.load;

/**
 * Payloads that carry their own send time ({@code t}, {@link System#nanoTime()} of the producer) so
 * the worker, in the same JVM, measures enqueue → lease without a shared map, padded to the
 * configured size.
 */
public final class Payloads {
  private final String pad;

  public Payloads(int bytes) {
    // {"t":1234567890123456,"pad":""} is about 32 bytes; the rest is padding.
    this.pad = "x".repeat(Math.max(0, bytes - 32));
  }

  /** A payload stamped with now. */
  public String stamped() {
    return "{\"t\":" + System.nanoTime() + ",\"pad\":\"" + pad + "\"}";
  }
}
