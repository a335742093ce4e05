package dev.agentdispatch.store.invocation;

import dev.agentdispatch.core.invocation.ErrorInfo;
import java.util.Objects;

/** A worker's report of how an attempt ended, fenced by its lease id. */
public sealed interface Completion {
  String leaseId();

  record Completed(String leaseId, String resultJson) implements Completion {
    public Completed {
      Objects.requireNonNull(leaseId, "leaseId is null");
      Objects.requireNonNull(resultJson, "resultJson is null");
    }
  }

  /** @param retryable false when the worker knows a retry cannot help */
  record Failed(String leaseId, ErrorInfo error, boolean retryable) implements Completion {
    public Failed {
      Objects.requireNonNull(leaseId, "leaseId is null");
      Objects.requireNonNull(error, "error is null");
    }
  }

  /**
   * The run pauses until its session's next input (DESIGN §8); the attempt ends and its worker slot is free.
   *
   * @param promptJson what the run waits for, e.g. an approval question (raw JSON)
   */
  record WaitingForInput(String leaseId, String promptJson) implements Completion {
    public WaitingForInput {
      Objects.requireNonNull(leaseId, "leaseId is null");
      Objects.requireNonNull(promptJson, "promptJson is null");
    }
  }

  /** The worker stopped because the invocation was cancelled. */
  record CancelAcknowledged(String leaseId) implements Completion {
    public CancelAcknowledged {
      Objects.requireNonNull(leaseId, "leaseId is null");
    }
  }
}
