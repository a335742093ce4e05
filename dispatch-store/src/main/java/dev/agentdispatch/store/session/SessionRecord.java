package dev.agentdispatch.store.session;

import dev.agentdispatch.core.invocation.InvocationStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored session as read.
 *
 * @param activeRunId the run holding the session's single active slot
 * @param activeRunStatus that run's status ({@code pending}, {@code running} or {@code
 *     waiting_for_input})
 * @param queuedInputs inputs waiting for a run of their own
 */
public record SessionRecord(
    String namespace,
    String id,
    String agent,
    String function,
    String metadataJson,
    Optional<String> activeRunId,
    Optional<InvocationStatus> activeRunStatus,
    long stateRevision,
    long queuedInputs,
    long lastEventSeq,
    Instant createdAt,
    Instant updatedAt) {
  public SessionRecord {
    Objects.requireNonNull(namespace, "namespace is null");
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(activeRunId, "activeRunId is null");
    Objects.requireNonNull(activeRunStatus, "activeRunStatus is null");
  }
}
