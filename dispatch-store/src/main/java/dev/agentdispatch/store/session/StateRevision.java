package dev.agentdispatch.store.session;

import java.time.Instant;
import java.util.Optional;

/**
 * One revision of a session's state document.
 *
 * @param runId the run that wrote it, when a worker wrote it under its lease
 * @param restoredFrom set when a rollback made it: the revision whose content it restores
 */
public record StateRevision(
    long revision,
    String stateJson,
    Optional<String> runId,
    Optional<Long> restoredFrom,
    Instant createdAt) {}
