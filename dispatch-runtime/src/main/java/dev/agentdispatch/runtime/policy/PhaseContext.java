package dev.agentdispatch.runtime.policy;

import dev.agentdispatch.runtime.internal.Checks;
import dev.agentdispatch.runtime.quality.QualityLevel;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** What the policy engine knows about a phase. Every number is finite and {@code >= 0}. */
public record PhaseContext(
    String phase,
    Optional<QualityLevel> qualityLevel,
    double gateScore,
    double gateThreshold,
    Set<String> completedRoles,
    Set<String> failedRoles,
    Set<String> allRoles,
    double elapsedSeconds,
    Set<String> retryExhaustedScenarios,
    boolean phaseCompleted,
    double totalCostUsd) {

  public PhaseContext {
    Objects.requireNonNull(phase, "phase is null");
    Objects.requireNonNull(qualityLevel, "qualityLevel is null");
    Checks.nonNegative(gateScore, "gate_score");
    Checks.nonNegative(gateThreshold, "gate_threshold");
    completedRoles = Set.copyOf(completedRoles);
    failedRoles = Set.copyOf(failedRoles);
    allRoles = Set.copyOf(allRoles);
    Checks.nonNegative(elapsedSeconds, "elapsed_seconds");
    retryExhaustedScenarios = Set.copyOf(retryExhaustedScenarios);
    Checks.nonNegative(totalCostUsd, "total_cost_usd");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builder with the specification's defaults (empty sets, zeros, no quality level). */
  public static final class Builder {
    private String phase = "";
    private Optional<QualityLevel> qualityLevel = Optional.empty();
    private double gateScore;
    private double gateThreshold;
    private Set<String> completedRoles = Set.of();
    private Set<String> failedRoles = Set.of();
    private Set<String> allRoles = Set.of();
    private double elapsedSeconds;
    private Set<String> retryExhaustedScenarios = Set.of();
    private boolean phaseCompleted;
    private double totalCostUsd;

    public Builder phase(String v) {
      this.phase = v;
      return this;
    }

    public Builder qualityLevel(QualityLevel v) {
      this.qualityLevel = Optional.of(v);
      return this;
    }

    public Builder gateScore(double v) {
      this.gateScore = v;
      return this;
    }

    public Builder gateThreshold(double v) {
      this.gateThreshold = v;
      return this;
    }

    public Builder completedRoles(Set<String> v) {
      this.completedRoles = v;
      return this;
    }

    public Builder failedRoles(Set<String> v) {
      this.failedRoles = v;
      return this;
    }

    public Builder allRoles(Set<String> v) {
      this.allRoles = v;
      return this;
    }

    public Builder elapsedSeconds(double v) {
      this.elapsedSeconds = v;
      return this;
    }

    public Builder retryExhaustedScenarios(Set<String> v) {
      this.retryExhaustedScenarios = v;
      return this;
    }

    public Builder phaseCompleted(boolean v) {
      this.phaseCompleted = v;
      return this;
    }

    public Builder totalCostUsd(double v) {
      this.totalCostUsd = v;
      return this;
    }

    public PhaseContext build() {
      return new PhaseContext(
          phase,
          qualityLevel,
          gateScore,
          gateThreshold,
          completedRoles,
          failedRoles,
          allRoles,
          elapsedSeconds,
          retryExhaustedScenarios,
          phaseCompleted,
          totalCostUsd);
    }
  }
}
