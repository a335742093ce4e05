package dev.agentdispatch.store.invocation;

import dev.agentdispatch.core.invocation.ErrorInfo;
import java.time.Instant;
import java.util.Optional;

/** One attempt in an invocation's history. */
public record AttemptRecord(
    int attempt,
    String leaseId,
    String workerId,
    Instant startedAt,
    Optional<Instant> finishedAt,
    Optional<String> outcome,
    Optional<ErrorInfo> error) {}
