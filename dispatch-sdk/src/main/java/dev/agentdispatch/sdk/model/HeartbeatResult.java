package dev.agentdispatch.sdk.model;

import dev.agentdispatch.sdk.json.Normalize;
import java.util.List;
import java.util.Map;

/**
 * Answer to a heartbeat: what became of each lease.
 *
 * @param extended leases renewed
 * @param cancelled leases whose invocation was cancelled: stop and acknowledge
 * @param lost leases no longer held (expired or taken over): abandon them
 * @param inputs per lease of a session run, the steered inputs it has not taken yet (sent again
 *     until taken)
 */
public record HeartbeatResult(
    List<String> extended,
    List<String> cancelled,
    List<String> lost,
    Map<String, List<SteeredInput>> inputs) {
  /** Copies the lists. */
  public HeartbeatResult {
    extended = Normalize.list(extended);
    cancelled = Normalize.list(cancelled);
    lost = Normalize.list(lost);
    inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
  }

  /**
   * An answer without steered inputs.
   *
   * @param extended leases renewed
   * @param cancelled leases to stop
   * @param lost leases to abandon
   */
  public HeartbeatResult(List<String> extended, List<String> cancelled, List<String> lost) {
    this(extended, cancelled, lost, Map.of());
  }
}
