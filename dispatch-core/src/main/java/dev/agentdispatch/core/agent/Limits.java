package dev.agentdispatch.core.agent;

/** The range every concurrency cap an agent declares must fall in. */
public final class Limits {
  /** No cap may be larger: a bigger one is a typo, not a limit. */
  public static final int MAX_CAP = 100_000;

  private Limits() {}

  /**
   * Checks a cap is in 1..{@link #MAX_CAP}.
   *
   * @throws IllegalArgumentException naming {@code what} otherwise
   */
  public static void requireCap(int value, String what) {
    if (value < 1 || value > MAX_CAP) {
      throw new IllegalArgumentException(
          what + " must be between 1 and " + MAX_CAP + ", got " + value);
    }
  }
}
