package dev.agentdispatch.bench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one measured run produced: named numbers (the unit is in the name's suffix: {@code _per_s},
 * {@code _ms}, {@code _mib}, {@code _cores}, {@code _x}) in the order they were measured, and
 * notes.
 */
public record RunResult(Map<String, Double> metrics, List<String> notes) {
  public RunResult {
    metrics =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(Objects.requireNonNull(metrics, "metrics is null")));
    notes = List.copyOf(notes);
  }

  /** A fluent collector for one run's numbers. */
  public static final class Builder {
    private final Map<String, Double> metrics = new LinkedHashMap<>();
    private final List<String> notes = new java.util.ArrayList<>();

    public Builder put(String name, double value) {
      metrics.put(name, value);
      return this;
    }

    public Builder note(String note) {
      notes.add(note);
      return this;
    }

    public RunResult build() {
      return new RunResult(metrics, notes);
    }
  }
}
