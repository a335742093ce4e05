package dev.agentdispatch.runtime.retry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What one call of {@link RecoveryContext#attempt} did. */
public record RecoveryResult(
    RecoveryOutcome outcome,
    int stepsTaken,
    List<RecoveryStep> recoveredSteps,
    List<RecoveryStep> remainingSteps,
    String reason) {

  public RecoveryResult {
    Objects.requireNonNull(outcome, "outcome is null");
    if (stepsTaken < 0) {
      throw new IllegalArgumentException("steps_taken must be >= 0");
    }
    recoveredSteps = List.copyOf(recoveredSteps);
    remainingSteps = List.copyOf(remainingSteps);
    Objects.requireNonNull(reason, "reason is null");
  }

  /** The five-key map of the Python {@code to_dict}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("outcome", outcome.value());
    m.put("steps_taken", stepsTaken);
    m.put("recovered_steps", recoveredSteps.stream().map(RecoveryStep::value).toList());
    m.put("remaining_steps", remainingSteps.stream().map(RecoveryStep::value).toList());
    m.put("reason", reason);
    return m;
  }
}
