package dev.agentdispatch.sdk.model;

import dev.agentdispatch.sdk.json.Normalize;
import java.util.List;

/**
 * Answer to a heartbeat: what became of each lease.
 *
 * @param extended leases renewed
 * @param cancelled leases whose invocation was cancelled: stop and acknowledge
 * @param lost leases no longer held (expired or taken over): abandon them
 */
public record HeartbeatResult(List<String> extended, List<String> cancelled, List<String> lost) {
  /** Copies the lists. */
  public HeartbeatResult {
    extended = Normalize.list(extended);
    cancelled = Normalize.list(cancelled);
    lost = Normalize.list(lost);
  }
}
