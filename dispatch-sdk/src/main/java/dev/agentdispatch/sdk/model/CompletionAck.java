package dev.agentdispatch.sdk.model;

import dev.agentdispatch.sdk.json.Normalize;
import java.util.List;

/**
 * Answer to {@code POST /workers/complete}.
 *
 * @param accepted leases whose results were recorded
 * @param rejected leases whose results were refused (usually stale leases)
 */
public record CompletionAck(List<String> accepted, List<RejectedLease> rejected) {
  /** Copies the lists. */
  public CompletionAck {
    accepted = Normalize.list(accepted);
    rejected = Normalize.list(rejected);
  }
}
