package dev.agentdispatch.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * OTLP metrics export, configured by the standard variables: a collector stand-in on loopback
 * decodes what it receives (OTLP/HTTP protobuf).
 */
class OtlpMetricsTest {
  @Test
  void metricsGoOutOverOtlpWhenTheVariablesAskForIt() throws Exception {
    Set<String> names = ConcurrentHashMap.newKeySet();
    Set<String> services = ConcurrentHashMap.newKeySet();
    HttpServer collector =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    collector.createContext(
        "/v1/metrics",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(in);
            request
                .getResourceMetricsList()
                .forEach(rm -> {
                  rm.getResource()
                      .getAttributesList()
                      .forEach(a -> {
                        if (a.getKey().equals("service.name")) {
                          services.add(a.getValue().getStringValue());
                        }
                      });
                  rm.getScopeMetricsList()
                      .forEach(sm -> sm.getMetricsList().forEach(m -> names.add(m.getName())));
                });
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    collector.start();
    String endpoint = "http://127.0.0.1:" + collector.getAddress().getPort();
    Map<String, String> env =
        Map.of(
            "OTEL_METRICS_EXPORTER", "otlp",
            "OTEL_EXPORTER_OTLP_ENDPOINT", endpoint,
            "OTEL_METRIC_EXPORT_INTERVAL", "200",
            "OTEL_SERVICE_NAME", "dispatch-under-test");
    try (ServerMeters meters = ServerMeters.create(env::get)) {
      meters.eventPublished("default", "orders.created", 3);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> {
            assertThat(names).contains("dispatch.events.published", "jvm.memory.used");
            assertThat(services).containsExactly("dispatch-under-test");
          });
    } finally {
      collector.stop(0);
    }
  }

  @Test
  void withoutTheVariablesNothingIsExported() {
    assertThat(
            OtlpMetrics.registry(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9")::get))
        .isEmpty();
    assertThat(
            OtlpMetrics.registry(
                Map.of("OTEL_METRICS_EXPORTER", "otlp", "OTEL_SDK_DISABLED", "true")::get))
        .isEmpty();
  }
}
