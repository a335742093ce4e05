package dev.agentdispatch.runtime.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.runtime.session.AgentSession;
import dev.agentdispatch.runtime.session.TurnOptions;
import dev.agentdispatch.runtime.usage.ModelPricing;
import dev.agentdispatch.runtime.usage.PricingRegistry;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import dev.agentdispatch.sdk.worker.Context;
import dev.agentdispatch.sdk.worker.Fn;
import dev.agentdispatch.sdk.worker.Worker;
import dev.agentdispatch.server.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The runtime inside a real SDK worker reports its events and LLM usage to the invocation's event
 * log.
 */
class WorkerContextReporterTest {
  @TempDir Path dir;

  public record Prompt(String text) {}

  public record Answer(String text) {}

  /** An agent whose handler runs one model turn through an AgentSession. */
  public static final class LlmAgent {
    @Fn
    public Answer ask(Context ctx, Prompt prompt) {
      DispatchServerSink sink = new DispatchServerSink(WorkerContextReporter.of(ctx));
      AgentSession session =
          AgentSession.builder("llm-agent", "ask")
              .eventSink(sink)
              .usageSink(sink)
              .pricing(pricing())
              .build();
      String answer =
          session.run(s ->
              s.runTurn(
                      turn -> "42",
                      TurnOptions.model("model-a")
                          .withEstimateUsage(r -> UsageSnapshot.of(1000, 100)))
                  .result());
      return new Answer(answer);
    }
  }

  private static PricingRegistry pricing() {
    PricingRegistry registry = new PricingRegistry();
    registry.register("model-a", new ModelPricing(2.5, 10.0));
    return registry;
  }

  @SuppressWarnings("try") // the worker runs for the try block's scope and is never referenced
  @Test
  void sessionEventsAndUsageReachTheInvocationEventLog() {
    try (TestServer server = TestServer.start(dir);
        Worker worker =
            Worker.builder()
                .client(server.client())
                .agent("llm")
                .register(new LlmAgent())
                .pollWait(Duration.ofSeconds(1))
                .gracePeriod(Duration.ofSeconds(1))
                .build()
                .start()) {
      String id =
          server.client().invoke("llm", "ask", new Prompt("meaning of life")).invocationId();
      assertThat(
              server
                  .client()
                  .awaitTerminal(id, Duration.ofSeconds(20))
                  .result()
                  .orElseThrow()
                  .path("text")
                  .asString())
          .isEqualTo("42");
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> {
            JsonNode events =
                server
                    .get("/v1/namespaces/default/invocations/" + id + "/events")
                    .body()
                    .path("items");
            assertThat(events.findValuesAsString("type")).contains("progress", "custom");
            JsonNode usage = null;
            for (JsonNode e : events) {
              if ("llm_usage".equals(e.path("data").path("kind").asString())) {
                usage = e.path("data");
              }
            }
            assertThat(usage).isNotNull();
            assertThat(usage.path("model").asString()).isEqualTo("model-a");
            // 1000 input tokens at $2.50/M + 100 output tokens at $10/M.
            assertThat(usage.path("cost_usd").asDouble())
                .isCloseTo(0.0035, org.assertj.core.data.Offset.offset(1e-9));
          });
    }
  }
}
