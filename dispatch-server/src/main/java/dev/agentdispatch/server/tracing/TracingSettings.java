package dev.agentdispatch.server.tracing;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the server exports traces, and the OpenTelemetry configuration it does it with, both read
 * from the standard {@code OTEL_*} variables. Tracing is on when they ask for an exporter ({@code
 * OTEL_TRACES_EXPORTER} other than {@code none}, or an OTLP endpoint set) and {@code
 * OTEL_SDK_DISABLED} is not {@code true}; otherwise off, at no cost.
 *
 * @param enabled whether spans are recorded and exported
 * @param properties the {@code OTEL_*} variables as OpenTelemetry properties ({@code
 *     OTEL_TRACES_SAMPLER} is {@code otel.traces.sampler}), which win over any other source
 */
public record TracingSettings(boolean enabled, Map<String, String> properties) {
  /** The service name spans carry unless {@code OTEL_SERVICE_NAME} or the resource names one. */
  public static final String DEFAULT_SERVICE_NAME = "agent-dispatch";

  public TracingSettings {
    properties = Map.copyOf(properties);
  }

  /** Tracing off. */
  public static TracingSettings off() {
    return new TracingSettings(false, Map.of());
  }

  /** The settings {@code env} (the process environment, or a test's stand-in) asks for. */
  public static TracingSettings fromEnvironment(Map<String, String> env) {
    Map<String, String> properties = new LinkedHashMap<>();
    env.forEach((name, value) -> {
      if (name.startsWith("OTEL_") && value != null) {
        properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
      }
    });
    boolean disabled =
        get(properties, "otel.sdk.disabled").filter("true"::equalsIgnoreCase).isPresent();
    Optional<String> exporter = get(properties, "otel.traces.exporter");
    boolean endpoint =
        get(properties, "otel.exporter.otlp.endpoint").isPresent()
            || get(properties, "otel.exporter.otlp.traces.endpoint").isPresent();
    boolean wanted = exporter.map(e -> !e.trim().equalsIgnoreCase("none")).orElse(endpoint);
    return new TracingSettings(wanted && !disabled, properties);
  }

  private static Optional<String> get(Map<String, String> properties, String key) {
    return Optional.ofNullable(properties.get(key)).map(String::trim).filter(v -> !v.isEmpty());
  }
}
