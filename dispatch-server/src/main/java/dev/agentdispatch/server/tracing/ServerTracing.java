package dev.agentdispatch.server.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's OpenTelemetry: an SDK built by OpenTelemetry's autoconfigure from {@link
 * TracingSettings} (exporter, endpoint, protocol, sampler, resource, batch processor), exporting
 * traces only, or a no-op when tracing is off. One per server node, never the global instance, so
 * several nodes can run in one JVM. {@link #close} flushes the spans still queued.
 */
public final class ServerTracing implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServerTracing.class);
  private static final String SCOPE = "dev.agentdispatch.server";

  private final Optional<OpenTelemetrySdk> sdk;
  private final Tracer tracer;

  private ServerTracing(Optional<OpenTelemetrySdk> sdk) {
    this.sdk = sdk;
    this.tracer = sdk.<OpenTelemetry>map(s -> s).orElse(OpenTelemetry.noop()).getTracer(SCOPE);
  }

  /** Tracing as the process environment's {@code OTEL_*} variables configure it. */
  public static ServerTracing fromEnvironment() {
    return start(TracingSettings.fromEnvironment(System.getenv()));
  }

  /** Tracing off: every span is a no-op. */
  public static ServerTracing off() {
    return new ServerTracing(Optional.empty());
  }

  /**
   * Tracing as {@code settings} say.
   *
   * @throws IllegalArgumentException when the {@code OTEL_*} variables are not a valid setup (an
   *     unknown exporter, protocol or sampler, a malformed endpoint)
   */
  public static ServerTracing start(TracingSettings settings) {
    if (!settings.enabled()) {
      return off();
    }
    Map<String, String> forced = new HashMap<>(settings.properties());
    // This SDK carries the server's traces; metrics and logs have their own paths.
    forced.put("otel.metrics.exporter", "none");
    forced.put("otel.logs.exporter", "none");
    OpenTelemetrySdk sdk;
    try {
      sdk =
          AutoConfiguredOpenTelemetrySdk.builder()
              .addPropertiesSupplier(() -> defaults(settings.properties()))
              .addPropertiesCustomizer(config -> forced)
              .addTracerProviderCustomizer(
                  (builder, config) -> builder.setIdGenerator(FixedIds.INSTANCE))
              .disableShutdownHook()
              .build()
              .getOpenTelemetrySdk();
    } catch (ConfigurationException e) {
      // A bad variable fails the start, naming itself, rather than tracing nothing unnoticed.
      throw new IllegalArgumentException(
          "the OTEL_* variables do not make a valid tracing setup: " + e.getMessage(), e);
    }
    log.info(
        "tracing on: exporting spans ({})",
        settings.properties().getOrDefault("otel.exporter.otlp.endpoint", "exporter default"));
    return new ServerTracing(Optional.of(sdk));
  }

  private static Map<String, String> defaults(Map<String, String> properties) {
    boolean named =
        properties.containsKey("otel.service.name")
            || properties.getOrDefault("otel.resource.attributes", "").contains("service.name=");
    return named ? Map.of() : Map.of("otel.service.name", TracingSettings.DEFAULT_SERVICE_NAME);
  }

  /** Whether spans are recorded and exported. */
  public boolean enabled() {
    return sdk.isPresent();
  }

  /** The tracer every server span is made with (a no-op one when tracing is off). */
  public Tracer tracer() {
    return tracer;
  }

  /** Starts a root span (with {@code start}) in the OTel trace {@code otelTraceId}. */
  public <T> T inTrace(String otelTraceId, Supplier<T> start) {
    return FixedIds.with(Optional.of(otelTraceId), Optional.empty(), start);
  }

  /**
   * Starts a span whose id is derived from stored work (with {@code start}), as {@link TraceIds}
   * names it; in OTel trace {@code otelTraceId} if it is a root.
   */
  public <T> T derived(String otelTraceId, String spanId, Supplier<T> start) {
    return FixedIds.with(Optional.of(otelTraceId), Optional.of(spanId), start);
  }

  /**
   * Starts the span of a request that admits work; see {@link Admission#start}. Close it when the
   * request is answered.
   */
  public Admission admit(String name, Optional<String> explicitTraceId, boolean shared) {
    return Admission.start(this, name, explicitTraceId, shared);
  }

  /**
   * Starts the span of a schedule's fire (an INTERNAL root span in a new trace, which the fired
   * invocation joins). Close it when the fire is stored.
   */
  public Admission fire(String scheduleName) {
    return Admission.start(
            this,
            "schedule fire " + scheduleName,
            io.opentelemetry.api.trace.SpanKind.INTERNAL,
            Optional.empty(),
            true)
        .tag(SpanNames.SCHEDULE, scheduleName);
  }

  /** Exports what is queued and stops. */
  @Override
  public void close() {
    sdk.ifPresent(s -> s.shutdown().join(10, TimeUnit.SECONDS));
  }
}
