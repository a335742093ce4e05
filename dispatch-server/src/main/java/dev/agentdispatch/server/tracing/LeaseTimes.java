package dev.agentdispatch.server.tracing;

import java.time.Instant;
import java.util.UUID;

/**
 * When an attempt was leased, read from its lease id: the store mints each lease id as a UUIDv7 at
 * the moment of the lease, and a UUIDv7 begins with its millisecond timestamp. So the node that
 * ends an attempt knows when it started without any column or call more.
 */
final class LeaseTimes {
  private LeaseTimes() {}

  /** The lease's time, or {@code otherwise} when the id is not a UUIDv7. */
  static Instant startOf(String leaseId, Instant otherwise) {
    try {
      UUID id = UUID.fromString(leaseId);
      if (id.version() != 7) {
        return otherwise;
      }
      return Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16);
    } catch (IllegalArgumentException e) {
      return otherwise;
    }
  }
}
