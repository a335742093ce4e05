package dev.agentdispatch.store.invocation;

import java.util.List;

/**
 * @param extended leases renewed
 * @param cancelled leases renewed whose invocation has a cancel request: the worker should stop
 * @param lost leases that are no longer the worker's (expired, finished, unknown)
 */
public record HeartbeatResult(List<String> extended, List<String> cancelled, List<String> lost) {
  public HeartbeatResult {
    extended = List.copyOf(extended);
    cancelled = List.copyOf(cancelled);
    lost = List.copyOf(lost);
  }
}
