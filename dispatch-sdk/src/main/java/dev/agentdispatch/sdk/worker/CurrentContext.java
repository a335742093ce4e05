package dev.agentdispatch.sdk.worker;

import java.util.Optional;

/** The context of the handler running on the current thread. */
final class CurrentContext {
  private static final ThreadLocal<Context> CURRENT = new ThreadLocal<>();

  private CurrentContext() {}

  static Optional<Context> get() {
    return Optional.ofNullable(CURRENT.get());
  }

  static void set(Context context) {
    CURRENT.set(context);
  }

  static void clear() {
    CURRENT.remove();
  }
}
