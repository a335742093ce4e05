package dev.agentdispatch.store.session;

import java.time.Instant;
import java.util.Optional;

/** One entry of a session's ordered log; {@code seq} is monotonic per session. */
public record SessionEvent(
    long seq, Instant at, String type, Optional<String> runId, String dataJson) {}
