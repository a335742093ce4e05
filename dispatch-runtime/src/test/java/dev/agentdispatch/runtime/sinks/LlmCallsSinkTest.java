package dev.agentdispatch.runtime.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.runtime.session.AgentSession;
import dev.agentdispatch.runtime.session.TurnOptions;
import dev.agentdispatch.runtime.usage.ModelPricing;
import dev.agentdispatch.runtime.usage.PricingRegistry;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.worker.Context;
import dev.agentdispatch.sdk.worker.Fn;
import dev.agentdispatch.sdk.worker.Worker;
import dev.agentdispatch.server.TestServer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The runtime's usage tracker reports each turn to the server's ledger: the call shows under its
 * invocation, priced by the server, and counts in the agent's usage.
 */
class LlmCallsSinkTest {
  @TempDir Path dir;

  public record Prompt(String text) {}

  public record Answer(String text) {}

  /** An agent whose handler runs one model turn (its provider called directly, here faked). */
  public static final class DirectAgent {
    private final DispatchClient client;

    DirectAgent(DispatchClient client) {
      this.client = client;
    }

    @Fn
    public Answer ask(Context ctx, Prompt prompt) {
      PricingRegistry pricing = new PricingRegistry();
      pricing.register("gpt-4o", new ModelPricing(2.5, 10.0));
      AgentSession session =
          AgentSession.builder("direct", "ask")
              .usageSink(LlmCallsSink.of(client, "openai", ctx))
              .pricing(pricing)
              .build();
      String answer =
          session.run(s ->
              s.runTurn(
                      turn -> "42",
                      TurnOptions.model("gpt-4o")
                          .withEstimateUsage(r -> UsageSnapshot.of(1000, 100)))
                  .result());
      return new Answer(answer);
    }
  }

  @SuppressWarnings("try") // the worker runs for the try block's scope and is never referenced
  @Test
  void eachTurnIsRecordedUnderItsInvocationAndPricedByTheServer() {
    try (TestServer server = TestServer.start(dir);
        Worker worker =
            Worker.builder()
                .client(server.client())
                .agent("direct")
                .register(new DirectAgent(server.client()))
                .pollWait(Duration.ofSeconds(1))
                .gracePeriod(Duration.ofSeconds(1))
                .build()
                .start()) {
      String id = server.client().invoke("direct", "ask", new Prompt("q")).invocationId();
      var done = server.client().awaitTerminal(id, Duration.ofSeconds(20));
      assertThat(done.result().orElseThrow().path("text").asString()).isEqualTo("42");

      JsonNode calls =
          server.get("/v1/namespaces/default/llm/calls?invocation_id=" + id).body().path("items");
      assertThat(calls).hasSize(1);
      JsonNode call = calls.get(0);
      assertThat(call.path("agent").asString()).isEqualTo("direct");
      assertThat(call.path("trace_id").asString()).isEqualTo(done.traceId());
      assertThat(call.path("input_tokens").asLong()).isEqualTo(1000);
      assertThat(call.path("output_tokens").asLong()).isEqualTo(100);
      // 1000 input tokens at $2.50/M + 100 output tokens at $10/M, by the server's table.
      assertThat(call.path("cost_usd").decimalValue())
          .isEqualByComparingTo(new BigDecimal("0.0035"));
    }
  }
}
