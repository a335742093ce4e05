package dev.agentdispatch.runtime.session;

import dev.agentdispatch.runtime.usage.UsageSnapshot;
import java.util.Objects;

/** A turn's (hook-transformed) result and the usage it was charged. */
public record TurnResult<T>(T result, UsageSnapshot usage) {
  public TurnResult {
    Objects.requireNonNull(usage, "usage is null");
  }
}
