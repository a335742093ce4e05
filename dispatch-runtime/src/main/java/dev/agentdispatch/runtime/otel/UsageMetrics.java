package dev.agentdispatch.runtime.otel;

import static dev.agentdispatch.runtime.otel.OtelAttributes.*;

import dev.agentdispatch.runtime.usage.UsageSnapshot;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;
import java.util.Optional;

/**
 * The usage instruments: {@code gen_ai.client.token.usage} (the GenAI histogram, input and output
 * tokens of each priced turn), {@code techrevati.tokens} (a counter of the runtime's four token
 * classes) and {@code techrevati.cost.usd} (a counter of the priced cost). Zero values are not
 * recorded, as in the specification.
 */
final class UsageMetrics {
  private static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey(GEN_AI_TOKEN_TYPE);

  // The GenAI conventions' advice for token histograms: powers of 4 up to 64 M.
  private static final List<Long> TOKEN_BUCKETS =
      List.of(
          1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L, 262144L, 1048576L, 4194304L,
          16777216L, 67108864L);

  private final LongHistogram tokenUsage;
  private final LongCounter tokens;
  private final DoubleCounter cost;

  UsageMetrics(Meter meter) {
    this.tokenUsage =
        meter
            .histogramBuilder(METRIC_TOKEN_USAGE)
            .ofLongs()
            .setUnit("{token}")
            .setDescription("Input and output tokens of each priced model turn")
            .setExplicitBucketBoundariesAdvice(TOKEN_BUCKETS)
            .build();
    this.tokens =
        meter
            .counterBuilder(METRIC_TOKENS)
            .setUnit("{token}")
            .setDescription("Tokens by class: input, output, cache_write, cache_read")
            .build();
    this.cost =
        meter
            .counterBuilder(METRIC_COST)
            .ofDoubles()
            .setUnit("USD")
            .setDescription("Priced cost of model turns")
            .build();
  }

  /**
   * Records one priced turn.
   *
   * @param agent the role of the session, when known
   */
  void record(
      String model, String provider, Optional<String> agent, UsageSnapshot usage, double costUsd) {
    AttributesBuilder b =
        Attributes.builder()
            .put(GEN_AI_OPERATION_NAME, OP_CHAT)
            .put(GEN_AI_PROVIDER_NAME, provider)
            .put(GEN_AI_REQUEST_MODEL, model);
    agent.ifPresent(a -> b.put(GEN_AI_AGENT_NAME, a));
    Attributes base = b.build();
    histogram(inputTokensIncludingCache(usage), TOKEN_INPUT, base);
    histogram(usage.outputTokens(), TOKEN_OUTPUT, base);
    count(usage.inputTokens(), TOKEN_INPUT, base);
    count(usage.outputTokens(), TOKEN_OUTPUT, base);
    count(usage.cacheWriteTokens(), TOKEN_CACHE_WRITE, base);
    count(usage.cacheReadTokens(), TOKEN_CACHE_READ, base);
    if (costUsd > 0) {
      cost.add(costUsd, base);
    }
  }

  /**
   * The runtime counts cache writes and reads apart from input tokens; the GenAI conventions count
   * them inside the input.
   */
  static long inputTokensIncludingCache(UsageSnapshot usage) {
    return usage.inputTokens() + usage.cacheWriteTokens() + usage.cacheReadTokens();
  }

  private void histogram(long value, String type, Attributes base) {
    if (value > 0) {
      tokenUsage.record(value, withType(base, type));
    }
  }

  private void count(long value, String type, Attributes base) {
    if (value > 0) {
      tokens.add(value, withType(base, type));
    }
  }

  private static Attributes withType(Attributes base, String type) {
    return base.toBuilder().put(TOKEN_TYPE, type).build();
  }
}
