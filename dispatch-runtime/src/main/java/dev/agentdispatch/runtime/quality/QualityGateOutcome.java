package dev.agentdispatch.runtime.quality;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The result of a quality gate; {@code satisfied} must agree with the two levels. */
public record QualityGateOutcome(
    boolean satisfied, QualityLevel requiredLevel, Optional<QualityLevel> observedLevel) {
  public QualityGateOutcome {
    Objects.requireNonNull(requiredLevel, "requiredLevel is null");
    Objects.requireNonNull(observedLevel, "observedLevel is null");
    boolean expected = observedLevel.map(o -> o.atLeast(requiredLevel)).orElse(false);
    if (satisfied != expected) {
      throw new IllegalArgumentException(
          "satisfied must match observed_level >= required_level (got satisfied="
              + satisfied
              + ", required="
              + requiredLevel
              + ", observed="
              + observedLevel.orElse(null)
              + ")");
    }
  }

  /** {satisfied, required_level: NAME, observed_level: NAME or null}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("satisfied", satisfied);
    m.put("required_level", requiredLevel.name());
    m.put("observed_level", observedLevel.map(Enum::name).orElse(null));
    return m;
  }
}
