package dev.agentdispatch.runtime.retry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Small helpers the recipes' callers use to apply steps. */
public final class RecoveryHelpers {
  /** Default context reduction factor. */
  public static final double DEFAULT_REDUCTION = 0.75;

  private RecoveryHelpers() {}

  /** The first provider that is not {@code current}, if any. */
  public static Optional<String> nextProvider(List<String> available, String current) {
    Objects.requireNonNull(available, "available is null");
    return available.stream().filter(p -> !p.equals(current)).findFirst();
  }

  /** {@code (int) (chars * 0.75)}. */
  public static int smallerContextBudget(int chars) {
    return smallerContextBudget(chars, DEFAULT_REDUCTION);
  }

  /** {@code (int) (chars * reduction)}, with {@code reduction} in [0, 1]. */
  public static int smallerContextBudget(int chars, double reduction) {
    if (chars < 0) {
      throw new IllegalArgumentException("chars must be >= 0, got " + chars);
    }
    if (!Double.isFinite(reduction) || reduction < 0 || reduction > 1) {
      throw new IllegalArgumentException("reduction must be in [0, 1], got " + reduction);
    }
    return (int) (chars * reduction);
  }
}
