package dev.agentdispatch.runtime.sinks;

import java.util.List;
import java.util.function.Consumer;

/** Delivers to every target even when one fails; rethrows the first error unless suppressed. */
final class Fanout {
  private Fanout() {}

  static <T> void deliver(List<T> targets, boolean suppressErrors, Consumer<T> call) {
    RuntimeException first = null;
    for (T target : targets) {
      try {
        call.accept(target);
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null && !suppressErrors) {
      throw first;
    }
  }

  static <T> List<T> nonEmpty(List<T> sinks) {
    List<T> copy = List.copyOf(sinks);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("sinks must be non-empty");
    }
    return copy;
  }
}
