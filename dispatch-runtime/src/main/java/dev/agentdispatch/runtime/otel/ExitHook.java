package dev.agentdispatch.runtime.otel;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * One JVM shutdown hook for all telemetries: a session the process never closed (an exit, a signal,
 * an uncaught error on another thread) would otherwise leave its spans open, and an open span is
 * never exported.
 *
 * <p>What is tracked is a telemetry's registry of open spans, held weakly, with its exit flush. The
 * registry is what every live session trace references, so it stays tracked exactly while a session
 * could still have spans open. (The telemetry object itself was tracked before; nothing references
 * it once its sessions are built, so a collection before the exit dropped it, and with it the spans
 * it should have ended.)
 */
final class ExitHook {
  private static final System.Logger LOG = System.getLogger(ExitHook.class.getName());

  private static final Map<OpenSpans, Optional<Runnable>> TRACKED =
      Collections.synchronizedMap(new WeakHashMap<>());

  static {
    try {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(ExitHook::endAll, "agent-dispatch-otel-exit"));
    } catch (IllegalStateException shuttingDown) {
      // A telemetry made while the JVM already shuts down has nothing left to guard.
    }
  }

  private ExitHook() {}

  /**
   * Ends {@code open}'s spans at exit, then runs {@code exitFlush}; {@code exitFlush} must not
   * reference {@code open}, or it is never let go.
   */
  static void track(OpenSpans open, Optional<Runnable> exitFlush) {
    TRACKED.put(open, exitFlush);
  }

  private static void endAll() {
    List<Map.Entry<OpenSpans, Optional<Runnable>>> all;
    synchronized (TRACKED) {
      all = new ArrayList<>(TRACKED.entrySet());
    }
    for (Map.Entry<OpenSpans, Optional<Runnable>> e : all) {
      try {
        e.getKey().abandonAll(OtelAttributes.ERROR_ABRUPT_TERMINATION);
        e.getValue().ifPresent(Runnable::run);
      } catch (RuntimeException failure) {
        // Other telemetries still get their turn; at exit there is no one else to tell.
        LOG.log(
            Level.WARNING, "ending open spans at exit failed ({0})", failure.getClass().getName());
      }
    }
  }
}
