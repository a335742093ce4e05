package dev.agentdispatch.runtime.lifecycle;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One transition in a worker's history; {@code seq} starts at 1. */
public record AgentWorkerEvent(
    int seq, String kind, AgentStatus status, Optional<String> detail, Instant timestamp) {
  public AgentWorkerEvent {
    if (seq < 1) {
      throw new IllegalArgumentException("seq must be >= 1, got " + seq);
    }
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(status, "status is null");
    Objects.requireNonNull(detail, "detail is null");
    Objects.requireNonNull(timestamp, "timestamp is null");
  }
}
