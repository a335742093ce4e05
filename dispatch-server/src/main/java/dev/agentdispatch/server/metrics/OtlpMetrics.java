package dev.agentdispatch.server.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OTLP metrics export (HTTP/protobuf), configured by the standard OpenTelemetry variables and off
 * unless asked for: {@code OTEL_METRICS_EXPORTER=otlp} turns it on; the endpoint comes from {@code
 * OTEL_EXPORTER_OTLP_METRICS_ENDPOINT} or {@code OTEL_EXPORTER_OTLP_ENDPOINT} (plus {@code
 * /v1/metrics}), the interval from {@code OTEL_METRIC_EXPORT_INTERVAL} (ms), headers from {@code
 * OTEL_EXPORTER_OTLP_HEADERS}, the service name from {@code OTEL_SERVICE_NAME}. {@code
 * OTEL_SDK_DISABLED=true} keeps it off.
 */
final class OtlpMetrics {
  private static final Logger log = LoggerFactory.getLogger(OtlpMetrics.class);
  static final String DEFAULT_ENDPOINT = "http://localhost:4318";

  private OtlpMetrics() {}

  static Optional<OtlpMeterRegistry> registry(Function<String, String> env) {
    if ("true".equalsIgnoreCase(value(env, "OTEL_SDK_DISABLED").orElse(""))) {
      return Optional.empty();
    }
    boolean asked =
        value(env, "OTEL_METRICS_EXPORTER")
            .map(v -> v.toLowerCase(Locale.ROOT).contains("otlp"))
            .orElse(false);
    if (!asked) {
      return Optional.empty();
    }
    String protocol =
        value(env, "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL")
            .or(() -> value(env, "OTEL_EXPORTER_OTLP_PROTOCOL"))
            .orElse("http/protobuf");
    if (!protocol.equals("http/protobuf")) {
      log.warn("OTLP metrics are sent as http/protobuf only; {} is not supported", protocol);
    }
    Map<String, String> config = new HashMap<>();
    config.put(
        "otlp.url",
        value(env, "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT")
            .orElseGet(() ->
                stripSlash(value(env, "OTEL_EXPORTER_OTLP_ENDPOINT").orElse(DEFAULT_ENDPOINT))
                    + "/v1/metrics"));
    value(env, "OTEL_METRIC_EXPORT_INTERVAL").ifPresent(ms -> config.put("otlp.step", ms + "ms"));
    value(env, "OTEL_EXPORTER_OTLP_METRICS_HEADERS")
        .or(() -> value(env, "OTEL_EXPORTER_OTLP_HEADERS"))
        .ifPresent(h -> config.put("otlp.headers", h));
    config.put(
        "otlp.resourceAttributes",
        "service.name=" + value(env, "OTEL_SERVICE_NAME").orElse("agent-dispatch"));
    OtlpConfig otlp = config::get;
    log.info("exporting metrics over OTLP to {}", config.get("otlp.url"));
    return Optional.of(new OtlpMeterRegistry(otlp, Clock.SYSTEM));
  }

  private static Optional<String> value(Function<String, String> env, String name) {
    return Optional.ofNullable(env.apply(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
