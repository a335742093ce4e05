package dev.agentdispatch.sdk.model;

import java.util.Optional;

/** Bounds of the concurrency caps the server accepts. */
final class Caps {
  /** The largest cap the server accepts. */
  static final int MAX = 100_000;

  private Caps() {}

  static Optional<Integer> check(Optional<Integer> cap, String name) {
    Optional<Integer> value = cap == null ? Optional.empty() : cap;
    value
        .filter(c -> c < 1 || c > MAX)
        .ifPresent(c -> {
          throw new IllegalArgumentException(name + " must be in 1.." + MAX + ", got " + c);
        });
    return value;
  }

  static int count(int value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative, got " + value);
    }
    return value;
  }
}
