package dev.agentdispatch.store.llm;

import java.time.Instant;
import java.util.Objects;

/** A namespace's own price for a model, in micro-dollars per million tokens of each class. */
public record PriceRecord(
    String namespace,
    String model,
    long inputMicros,
    long outputMicros,
    long cacheReadMicros,
    long cacheWriteMicros,
    Instant updatedAt) {
  public PriceRecord {
    Objects.requireNonNull(namespace, "namespace is null");
    Objects.requireNonNull(model, "model is null");
    Objects.requireNonNull(updatedAt, "updatedAt is null");
    if (inputMicros < 0 || outputMicros < 0 || cacheReadMicros < 0 || cacheWriteMicros < 0) {
      throw new IllegalArgumentException("prices must not be negative");
    }
  }
}
