package dev.agentdispatch.runtime.otel;

import dev.agentdispatch.runtime.internal.Checks;
import dev.agentdispatch.runtime.sinks.UsageRecord;
import dev.agentdispatch.runtime.sinks.UsageSink;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link UsageSink} that records each priced turn as OpenTelemetry metrics: {@code
 * gen_ai.client.token.usage}, {@code techrevati.tokens} and {@code techrevati.cost.usd} (see the
 * runtime guide for their attributes). {@link
 * dev.agentdispatch.runtime.session.AgentSession.Builder#openTelemetry} already records these
 * metrics, with each turn's actual provider; use this sink when you want the metrics without spans,
 * or in a {@link dev.agentdispatch.runtime.sinks.FanoutUsageSink} of your own, but not both, or
 * every turn counts twice.
 */
public final class OpenTelemetryUsageSink implements UsageSink {
  private final UsageMetrics metrics;
  private final String providerName;
  private final Optional<String> agentName;

  /**
   * Records through {@code openTelemetry}'s meter under fixed names.
   *
   * @param providerName the {@code gen_ai.provider.name} of every record
   * @param agentName the {@code gen_ai.agent.name} of every record, if any
   */
  public OpenTelemetryUsageSink(
      OpenTelemetry openTelemetry, String providerName, Optional<String> agentName) {
    Objects.requireNonNull(openTelemetry, "openTelemetry is null");
    this.metrics = new UsageMetrics(OtelSessionTelemetry.meter(openTelemetry));
    this.providerName = Checks.nonBlank(providerName, "provider_name");
    this.agentName = Objects.requireNonNull(agentName, "agentName is null");
  }

  /** Records under the default provider name ({@code techrevati}) and no agent name. */
  public OpenTelemetryUsageSink(OpenTelemetry openTelemetry) {
    this(openTelemetry, OtelAttributes.DEFAULT_PROVIDER_NAME, Optional.empty());
  }

  @Override
  public void record(String model, UsageSnapshot usage, double costUsd) {
    UsageRecord r = new UsageRecord(model, usage, costUsd); // validates like every other sink
    metrics.record(r.model(), providerName, agentName, r.usage(), r.costUsd());
  }
}
