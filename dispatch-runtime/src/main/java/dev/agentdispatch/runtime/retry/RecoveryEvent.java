package dev.agentdispatch.runtime.retry;

import dev.agentdispatch.runtime.internal.Maps;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** A record in a {@link RecoveryContext}'s history. */
public record RecoveryEvent(
    Type type,
    String scenario,
    List<String> recipeSteps,
    Map<String, Object> result,
    Instant timestamp) {

  /** The kind of recovery event. */
  public enum Type {
    ATTEMPTED,
    SUCCEEDED,
    FAILED,
    ESCALATED;

    /** The wire value, e.g. {@code "escalated"}. */
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public RecoveryEvent {
    Objects.requireNonNull(type, "type is null");
    Objects.requireNonNull(scenario, "scenario is null");
    recipeSteps = List.copyOf(recipeSteps);
    result = Maps.deepCopy(result);
    Objects.requireNonNull(timestamp, "timestamp is null");
  }
}
