package dev.agentdispatch.runtime.otel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * One JVM shutdown hook for all telemetries: a session the process never closed (an exit, a signal,
 * an uncaught error on another thread) would otherwise leave its spans open, and an open span is
 * never exported. Telemetries are held weakly, so tracking one never keeps it alive.
 */
final class ExitHook {
  private static final Set<OtelSessionTelemetry> TRACKED =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  static {
    try {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(ExitHook::endAll, "agent-dispatch-otel-exit"));
    } catch (IllegalStateException shuttingDown) {
      // A telemetry made while the JVM already shuts down has nothing left to guard.
    }
  }

  private ExitHook() {}

  static void track(OtelSessionTelemetry telemetry) {
    TRACKED.add(telemetry);
  }

  private static void endAll() {
    List<OtelSessionTelemetry> all;
    synchronized (TRACKED) {
      all = new ArrayList<>(TRACKED);
    }
    all.forEach(OtelSessionTelemetry::endAtExit);
  }
}
