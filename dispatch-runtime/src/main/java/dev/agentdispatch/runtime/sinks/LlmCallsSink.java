package dev.agentdispatch.runtime.sinks;

import dev.agentdispatch.runtime.usage.UsageSnapshot;
import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.llm.LlmCallReport;
import dev.agentdispatch.sdk.worker.Context;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reports each priced turn of the runtime's usage tracker to the server's ledger ({@code POST
 * …/llm/calls}), attributed to the invocation an SDK handler is running: for agents whose loop
 * calls providers directly rather than through the gateway, so that their calls show in traces,
 * count in usage and are charged to the agent's budget. The server prices the call itself from its
 * own table; the runtime's cost estimate is not sent. Needs {@code dispatch-sdk} on the classpath.
 */
public final class LlmCallsSink implements UsageSink {
  private final DispatchClient client;
  private final String provider;
  private final Supplier<Optional<Context>> context;

  private LlmCallsSink(DispatchClient client, String provider, Supplier<Optional<Context>> ctx) {
    this.client = Objects.requireNonNull(client, "client is null");
    this.provider = Objects.requireNonNull(provider, "provider is null");
    this.context = ctx;
  }

  /**
   * Reports to the invocation running on the calling thread (or unattributed outside one).
   *
   * @param client the client of the server to report to
   * @param provider the provider the loop calls, e.g. {@code openai}
   */
  public static LlmCallsSink current(DispatchClient client, String provider) {
    return new LlmCallsSink(client, provider, Context::current);
  }

  /** Reports to one invocation, from any thread. */
  public static LlmCallsSink of(DispatchClient client, String provider, Context ctx) {
    Optional<Context> fixed = Optional.of(Objects.requireNonNull(ctx, "ctx is null"));
    return new LlmCallsSink(client, provider, () -> fixed);
  }

  @Override
  public void record(String model, UsageSnapshot usage, double costUsd) {
    Optional<Context> ctx = context.get();
    client.reportLlmCall(
        new LlmCallReport(
            model,
            provider,
            usage.inputTokens(),
            usage.outputTokens(),
            usage.cacheReadTokens(),
            usage.cacheWriteTokens(),
            ctx.map(Context::agentName),
            ctx.map(Context::traceId),
            ctx.map(Context::invocationId)));
  }
}
