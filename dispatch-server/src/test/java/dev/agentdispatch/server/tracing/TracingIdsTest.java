package dev.agentdispatch.server.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The id mapping and the on/off decision, without a server. */
class TracingIdsTest {
  @Test
  void aDispatchTraceIdAndAnOtelTraceIdAreTheSameDigits() {
    String uuid = "0190f1c2-7a3b-7c4d-8e5f-6a7b8c9d0e1f";
    assertThat(TraceIds.otelTraceId(uuid)).isEqualTo("0190f1c27a3b7c4d8e5f6a7b8c9d0e1f");
    assertThat(TraceIds.dispatchTraceId("0190f1c27a3b7c4d8e5f6a7b8c9d0e1f")).isEqualTo(uuid);
    assertThat(TraceIds.otelTraceId(uuid.toUpperCase())).isEqualTo(TraceIds.otelTraceId(uuid));
    // Any other id is hashed, the same way every time, into a valid trace id.
    String hashed = TraceIds.otelTraceId("order-42");
    assertThat(TraceIds.isTraceId(hashed)).isTrue();
    assertThat(TraceIds.otelTraceId("order-42")).isEqualTo(hashed);
    assertThat(TraceIds.otelTraceId("order-43")).isNotEqualTo(hashed);
    assertThat(TraceIds.isTraceId(TraceIds.otelTraceId("0".repeat(32)))).isTrue();
    assertThat(TraceIds.lookupId("0190f1c27a3b7c4d8e5f6a7b8c9d0e1f")).isEqualTo(uuid);
    assertThat(TraceIds.lookupId("order-42")).isEqualTo("order-42");
  }

  @Test
  void spanIdsOfStoredWorkAreDerivedDistinctAndValid() {
    String inv = "0190f1c2-7a3b-7c4d-8e5f-6a7b8c9d0e1f";
    assertThat(TraceIds.attemptSpanId(inv, 1)).isEqualTo(TraceIds.attemptSpanId(inv, 1));
    assertThat(
            java.util.Set.of(
                TraceIds.invocationSpanId(inv),
                TraceIds.attemptSpanId(inv, 1),
                TraceIds.attemptSpanId(inv, 2),
                TraceIds.attemptSpanId("0190f1c2-7a3b-7c4d-8e5f-6a7b8c9d0e20", 1)))
        .hasSize(4)
        .allMatch(TraceIds::isSpanId);
    assertThat(TraceIds.attemptTraceparent(inv, inv, 2))
        .isEqualTo("00-0190f1c27a3b7c4d8e5f6a7b8c9d0e1f-" + TraceIds.attemptSpanId(inv, 2) + "-01");
  }

  @Test
  void onlyWellFormedTraceparentsAreRead() {
    assertThat(TraceIds.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
        .contains(new TraceIds.SpanRef("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"));
    assertThat(TraceIds.parse("00-" + "0".repeat(32) + "-00f067aa0ba902b7-01")).isEmpty();
    assertThat(TraceIds.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-" + "0".repeat(16) + "-01"))
        .isEmpty();
    assertThat(TraceIds.parse("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).isEmpty();
    assertThat(TraceIds.parse("garbage")).isEmpty();
  }

  @Test
  void aBadTracingSetupFailsTheStartNamingIt() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            ServerTracing.start(
                TracingSettings.fromEnvironment(
                    Map.of(
                        "OTEL_TRACES_EXPORTER", "otlp",
                        "OTEL_EXPORTER_OTLP_PROTOCOL", "carrier-pigeon"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OTEL_*")
        .hasMessageContaining("carrier-pigeon");
  }

  @Test
  void tracingIsOnOnlyWhenTheOtelVariablesAskForAnExporter() {
    assertThat(TracingSettings.fromEnvironment(Map.of()).enabled()).isFalse();
    assertThat(TracingSettings.fromEnvironment(Map.of("OTEL_SERVICE_NAME", "x")).enabled())
        .isFalse();
    assertThat(TracingSettings.fromEnvironment(Map.of("OTEL_TRACES_EXPORTER", "otlp")).enabled())
        .isTrue();
    assertThat(
            TracingSettings.fromEnvironment(
                    Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318"))
                .enabled())
        .isTrue();
    assertThat(
            TracingSettings.fromEnvironment(
                    Map.of(
                        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318",
                        "OTEL_TRACES_EXPORTER", "none"))
                .enabled())
        .isFalse();
    assertThat(
            TracingSettings.fromEnvironment(
                    Map.of("OTEL_TRACES_EXPORTER", "otlp", "OTEL_SDK_DISABLED", "true"))
                .enabled())
        .isFalse();
    assertThat(
            TracingSettings.fromEnvironment(Map.of("OTEL_TRACES_SAMPLER", "always_on"))
                .properties())
        .containsEntry("otel.traces.sampler", "always_on");
  }
}
