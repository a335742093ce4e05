package dev.agentdispatch.runtime.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.runtime.session.AgentSession;
import dev.agentdispatch.runtime.session.Session;
import dev.agentdispatch.runtime.session.TurnOptions;
import dev.agentdispatch.runtime.usage.TestPricing;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import dev.agentdispatch.runtime.usage.UsageTracker;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OtelUsageMetricsTest {
  private static final AttributeKey<String> TYPE = AttributeKey.stringKey("gen_ai.token.type");
  private static final AttributeKey<String> MODEL = AttributeKey.stringKey("gen_ai.request.model");
  private static final AttributeKey<String> PROVIDER =
      AttributeKey.stringKey("gen_ai.provider.name");
  private static final AttributeKey<String> AGENT = AttributeKey.stringKey("gen_ai.agent.name");

  private final OtelFixture otel = new OtelFixture();

  @AfterEach
  void close() {
    otel.close();
  }

  @Test
  void theSessionsMetricsSumToItsExactTokensAndCostByModelProviderAndAgent() {
    AgentSession agent =
        AgentSession.builder("writer", "draft")
            .pricing(TestPricing.example())
            .initialProvider("primary")
            .openTelemetry(otel.sdk)
            .build();
    UsageSnapshot cached = new UsageSnapshot(300, 40, 100, 50, 0, Optional.of("1h"));
    UsageTracker usage;
    try (Session session = agent.session()) {
      session.runTurn(
          ctx -> "a", TurnOptions.model("model-a").withUsage(UsageSnapshot.of(1200, 80)));
      session.runTurn(
          ctx -> "b", TurnOptions.model("model-a").withUsage(UsageSnapshot.of(800, 20)));
      session.runTurn(ctx -> "c", TurnOptions.model("model-b").withUsage(cached));
      session.runTurn(ctx -> "unpriced", TurnOptions.defaults().withUsage(UsageSnapshot.of(5, 5)));
      usage = session.usage();
    }
    Collection<MetricData> collected = otel.metrics.collectAllMetrics();

    Map<String, Long> modelA = tokensByType(collected, "model-a");
    assertThat(modelA).isEqualTo(Map.of("input", 2000L, "output", 100L));
    Map<String, Long> modelB = tokensByType(collected, "model-b");
    assertThat(modelB)
        .isEqualTo(Map.of("input", 300L, "output", 40L, "cache_write", 100L, "cache_read", 50L));

    // The GenAI histogram: one value a turn, cached input counted as input.
    List<HistogramPointData> inputA = histogram(collected, "model-a", "input");
    assertThat(inputA)
        .singleElement()
        .satisfies(p -> {
          assertThat(p.getCount()).isEqualTo(2);
          assertThat(p.getSum()).isEqualTo(2000.0);
        });
    assertThat(histogram(collected, "model-b", "input").get(0).getSum()).isEqualTo(450.0);

    List<DoublePointData> cost =
        points(collected, "techrevati.cost.usd").map(DoublePointData.class::cast).toList();
    Map<String, Double> perModel = usage.perModelSummary();
    assertThat(cost).hasSize(2);
    for (DoublePointData p : cost) {
      String model = p.getAttributes().get(MODEL);
      assertThat(p.getValue()).as(model).isEqualTo(perModel.get(model));
      assertThat(p.getAttributes().get(PROVIDER)).isEqualTo("primary");
      assertThat(p.getAttributes().get(AGENT)).isEqualTo("writer");
    }
    assertThat(cost.stream().mapToDouble(DoublePointData::getValue).sum())
        .isEqualTo(usage.totalCost());
    // A turn without a model is neither priced nor metered.
    assertThat(points(collected, "techrevati.tokens"))
        .noneMatch(p -> p.getAttributes().get(MODEL).isEmpty());
  }

  @Test
  void theUsageSinkRecordsTheSameMetricsOnItsOwn() {
    OpenTelemetryUsageSink sink =
        new OpenTelemetryUsageSink(otel.sdk, "acme", Optional.of("planner"));
    sink.record("model-c", UsageSnapshot.of(10, 0), 0.25);
    sink.record("model-c", UsageSnapshot.of(5, 7), 0.5);
    Collection<MetricData> collected = otel.metrics.collectAllMetrics();

    assertThat(tokensByType(collected, "model-c")).isEqualTo(Map.of("input", 15L, "output", 7L));
    // Zero values are not recorded: one output value only.
    assertThat(histogram(collected, "model-c", "output").get(0).getCount()).isEqualTo(1);
    DoublePointData cost =
        (DoublePointData) points(collected, "techrevati.cost.usd").findFirst().orElseThrow();
    assertThat(cost.getValue()).isEqualTo(0.75);
    assertThat(cost.getAttributes())
        .isEqualTo(
            Attributes.of(
                AttributeKey.stringKey("gen_ai.operation.name"),
                "chat",
                PROVIDER,
                "acme",
                MODEL,
                "model-c",
                AGENT,
                "planner"));
    assertThatThrownBy(() -> sink.record(" ", UsageSnapshot.EMPTY, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSinkWithoutOptionsUsesTheDefaultProviderAndNoAgent() {
    new OpenTelemetryUsageSink(otel.sdk).record("model-a", UsageSnapshot.of(1, 1), 0);
    Collection<MetricData> collected = otel.metrics.collectAllMetrics();
    PointData p = points(collected, "techrevati.tokens").findFirst().orElseThrow();
    assertThat(p.getAttributes().get(PROVIDER)).isEqualTo("techrevati");
    assertThat(p.getAttributes().get(AGENT)).isNull();
    assertThat(points(collected, "techrevati.cost.usd")).isEmpty();
  }

  private java.util.stream.Stream<PointData> points(Collection<MetricData> collected, String n) {
    return otel.points(collected, n);
  }

  private Map<String, Long> tokensByType(Collection<MetricData> collected, String model) {
    return points(collected, "techrevati.tokens")
        .map(LongPointData.class::cast)
        .filter(p -> model.equals(p.getAttributes().get(MODEL)))
        .collect(Collectors.toMap(p -> p.getAttributes().get(TYPE), LongPointData::getValue));
  }

  private List<HistogramPointData> histogram(
      Collection<MetricData> collected, String model, String type) {
    return points(collected, "gen_ai.client.token.usage")
        .map(HistogramPointData.class::cast)
        .filter(p -> model.equals(p.getAttributes().get(MODEL)))
        .filter(p -> type.equals(p.getAttributes().get(TYPE)))
        .toList();
  }
}
