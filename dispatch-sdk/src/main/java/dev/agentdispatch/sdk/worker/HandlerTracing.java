package dev.agentdispatch.sdk.worker;

import dev.agentdispatch.sdk.client.CallerTrace;
import dev.agentdispatch.sdk.model.Lease;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * What one handler run is traced with. Always: the MDC keys {@code trace_id} (the Dispatch trace
 * id), {@code span_id} and {@code invocation_id}, so the handler's log lines name the work, and the
 * run's {@code traceparent} on every request it makes (nested invokes, events, model calls). With
 * OpenTelemetry (given to the worker, or a global one set): a span per run, child of the lease's
 * attempt span, current while the handler runs. Without it the lease's {@code traceparent} (the
 * attempt's span) is passed on, so the server's trace stays whole.
 */
interface HandlerTracing {
  /** Where the run's trace context goes: its span, or none. */
  String MDC_TRACE_ID = "trace_id";

  String MDC_SPAN_ID = "span_id";
  String MDC_INVOCATION_ID = "invocation_id";

  /** Begins tracing the run of {@code lease} on this thread. */
  Run begin(Lease lease);

  /** A run being traced: close it on the thread that began it. */
  interface Run extends AutoCloseable {
    /** The handler threw {@code error}. */
    void failed(Throwable error);

    @Override
    void close();
  }

  /** No OpenTelemetry: the MDC keys and the lease's own {@code traceparent}. */
  HandlerTracing PLAIN = PlainRun::new;

  /**
   * The tracing of a worker given {@code openTelemetry} (an {@code io.opentelemetry.api
   * .OpenTelemetry}), else of the global OpenTelemetry when one is set at the time of each run,
   * else plain.
   */
  static HandlerTracing of(Optional<Object> openTelemetry) {
    if (openTelemetry.isPresent()) {
      return OtelHandlerTracing.of(openTelemetry.get());
    }
    return otelPresent() ? OtelHandlerTracing.global() : PLAIN;
  }

  /** Whether the OpenTelemetry API is on the class path, found without loading any of it. */
  private static boolean otelPresent() {
    try {
      Class.forName(
          "io.opentelemetry.api.GlobalOpenTelemetry", false, HandlerTracing.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** The MDC keys of a run, and the {@code traceparent} its requests carry. */
  final class PlainRun implements Run {
    private final Map<String, String> previous = new HashMap<>();
    private final Optional<CallerTrace.Scope> caller;

    PlainRun(Lease lease) {
      this(lease, lease.traceparent().flatMap(PlainRun::spanOf), lease.traceparent());
    }

    /**
     * @param spanId the run's span, for the MDC
     * @param traceparent what the run's requests carry; none when an OpenTelemetry span is current
     *     and carries it
     */
    PlainRun(Lease lease, Optional<String> spanId, Optional<String> traceparent) {
      put(MDC_TRACE_ID, Optional.of(lease.traceId()));
      put(MDC_SPAN_ID, spanId);
      put(MDC_INVOCATION_ID, Optional.of(lease.invocationId()));
      this.caller = traceparent.map(CallerTrace::open);
    }

    private void put(String key, Optional<String> value) {
      if (value.isEmpty()) {
        return;
      }
      previous.put(key, MDC.get(key));
      MDC.put(key, value.get());
    }

    /** The span id of a {@code traceparent} ({@code 00-trace-span-flags}). */
    static Optional<String> spanOf(String traceparent) {
      String[] parts = traceparent.split("-");
      return parts.length == 4 ? Optional.of(parts[2]) : Optional.empty();
    }

    @Override
    public void failed(Throwable error) {}

    @Override
    public void close() {
      caller.ifPresent(CallerTrace.Scope::close);
      previous.forEach((key, value) -> {
        if (value == null) {
          MDC.remove(key);
        } else {
          MDC.put(key, value);
        }
      });
    }
  }
}
