package dev.agentdispatch.sdk.client;

import java.util.Optional;

/**
 * The W3C {@code traceparent} that the requests made on the current thread carry, so the server
 * makes the work they create part of the caller's trace. A worker sets it while a handler runs;
 * otherwise, when the OpenTelemetry API is on the class path, it is the current span's (so a client
 * used inside any traced code propagates its trace).
 */
public final class CallerTrace {
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
  private static final boolean OTEL = otelPresent();

  private CallerTrace() {}

  /**
   * Returns the {@code traceparent} requests on this thread carry now.
   *
   * @return the one opened on this thread, else the current OpenTelemetry span's, else none
   */
  public static Optional<String> current() {
    String opened = CURRENT.get();
    if (opened != null) {
      return Optional.of(opened);
    }
    return OTEL ? OtelCurrent.traceparent() : Optional.empty();
  }

  /**
   * Makes {@code traceparent} the caller's span of the requests this thread makes until the
   * returned scope is closed (then the previous one is restored).
   *
   * @param traceparent a W3C {@code traceparent} value
   * @return the scope to close
   */
  public static Scope open(String traceparent) {
    String previous = CURRENT.get();
    CURRENT.set(java.util.Objects.requireNonNull(traceparent, "traceparent is null"));
    return () -> {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    };
  }

  /** Whether the OpenTelemetry API is on the class path, found without loading any of it. */
  static boolean otelPresent() {
    try {
      Class.forName("io.opentelemetry.api.trace.Span", false, CallerTrace.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Ends what {@link #open} began. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
