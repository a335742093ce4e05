package dev.agentdispatch.runtime.quality;

import java.util.Objects;
import java.util.Optional;

/** Passes when the observed level is at least the required one. */
public record QualityGate(QualityLevel requiredLevel) {
  public QualityGate {
    Objects.requireNonNull(requiredLevel, "requiredLevel is null");
  }

  public QualityGateOutcome evaluate(Optional<QualityLevel> observed) {
    return new QualityGateOutcome(
        observed.map(this::isSatisfiedBy).orElse(false), requiredLevel, observed);
  }

  public boolean isSatisfiedBy(QualityLevel level) {
    return level.atLeast(requiredLevel);
  }
}
