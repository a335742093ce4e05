package dev.agentdispatch.store.invocation;

import dev.agentdispatch.core.invocation.ErrorInfo;
import java.util.List;
import java.util.Objects;

/** A worker's report of how an attempt ended, fenced by its lease id. */
public sealed interface Completion {
  String leaseId();

  /**
   * The steered session inputs (by id) the run reports it took (DESIGN §8); they are marked
   * consumed in the transaction that applies this report. Only a report that keeps the run's work
   * can carry them: a failed attempt consumes nothing, so its inputs go to the retry or back to the
   * queue.
   */
  List<String> consumedInputs();

  record Completed(String leaseId, String resultJson, List<String> consumedInputs)
      implements Completion {
    public Completed {
      Objects.requireNonNull(leaseId, "leaseId is null");
      Objects.requireNonNull(resultJson, "resultJson is null");
      consumedInputs =
          List.copyOf(Objects.requireNonNull(consumedInputs, "consumedInputs is null"));
    }

    public Completed(String leaseId, String resultJson) {
      this(leaseId, resultJson, List.of());
    }
  }

  /**
   * @param retryable false when the worker knows a retry cannot help
   */
  record Failed(String leaseId, ErrorInfo error, boolean retryable) implements Completion {
    public Failed {
      Objects.requireNonNull(leaseId, "leaseId is null");
      Objects.requireNonNull(error, "error is null");
    }

    /** Always empty: a failed attempt keeps none of its work. */
    @Override
    public List<String> consumedInputs() {
      return List.of();
    }
  }

  /**
   * The run pauses until its session's next input (DESIGN §8); the attempt ends and its worker slot
   * is free.
   *
   * @param promptJson what the run waits for, e.g. an approval question (raw JSON)
   */
  record WaitingForInput(String leaseId, String promptJson, List<String> consumedInputs)
      implements Completion {
    public WaitingForInput {
      Objects.requireNonNull(leaseId, "leaseId is null");
      Objects.requireNonNull(promptJson, "promptJson is null");
      consumedInputs =
          List.copyOf(Objects.requireNonNull(consumedInputs, "consumedInputs is null"));
    }

    public WaitingForInput(String leaseId, String promptJson) {
      this(leaseId, promptJson, List.of());
    }
  }

  /**
   * The worker stopped because the invocation was cancelled (e.g. interrupted by a session input).
   */
  record CancelAcknowledged(String leaseId, List<String> consumedInputs) implements Completion {
    public CancelAcknowledged {
      Objects.requireNonNull(leaseId, "leaseId is null");
      consumedInputs =
          List.copyOf(Objects.requireNonNull(consumedInputs, "consumedInputs is null"));
    }

    public CancelAcknowledged(String leaseId) {
      this(leaseId, List.of());
    }
  }

  /**
   * The server gives back a lease its worker never received (the worker hung up while its lease
   * request waited): the invocation is claimable again at once, its retry budget untouched.
   */
  record Undelivered(String leaseId) implements Completion {
    public Undelivered {
      Objects.requireNonNull(leaseId, "leaseId is null");
    }

    /** Always empty: the work never started. */
    @Override
    public List<String> consumedInputs() {
      return List.of();
    }
  }
}
