package dev.agentdispatch.server.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.llm.standin.StandInProvider;
import dev.agentdispatch.sdk.llm.LangChain4jModels;
import dev.agentdispatch.sdk.model.InvocationStatus;
import dev.agentdispatch.sdk.worker.Context;
import dev.agentdispatch.sdk.worker.Fn;
import dev.agentdispatch.sdk.worker.Worker;
import dev.agentdispatch.server.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A Java SDK handler calls a model through {@code ctx.llm()} with a ready LangChain4j model: the
 * call goes through the gateway and is attributed to the handler's invocation, trace and agent.
 */
class WorkerLlmAccessTest {
  private static final String NS = "/v1/namespaces/default";

  /** The handler's agent: one function that asks a model. */
  public static final class Asker {
    /** In and out. */
    public record Question(String text) {}

    @Fn
    public Question ask(Context ctx, Question q) {
      String answer = LangChain4jModels.openAi(ctx.llm(), "standin-small").chat(q.text());
      return new Question(answer);
    }
  }

  @TempDir Path dir;

  @Test
  void aHandlersModelCallsAreAttributedToItsInvocation() {
    try (TestServer server = TestServer.start(dir);
        StandInProvider provider = StandInProvider.start()) {
      var put =
          server.put(
              NS + "/llm/providers/standin",
              "{\"format\":\"openai\",\"base_url\":\"" + provider.baseUrl() + "\"}");
      assertThat(put.status()).as(put.body().toString()).isEqualTo(200);
      try (Worker worker =
          Worker.builder()
              .client(server.client())
              .agent("asker")
              .register(new Asker())
              .pollWait(Duration.ofSeconds(1))
              .build()) {
        worker.start();
        String id =
            server.client().invoke("asker", "ask", Map.of("text", "hello model")).invocationId();
        var done = server.client().awaitTerminal(id, Duration.ofSeconds(30));
        assertThat(done.status()).isEqualTo(InvocationStatus.COMPLETED);
        assertThat(done.result().orElseThrow().path("text").asString())
            .isEqualTo("echo: hello model");

        JsonNode call = server.get(NS + "/llm/calls?invocation_id=" + id).body().path("items");
        assertThat(call).hasSize(1);
        assertThat(call.get(0).path("agent").asString()).isEqualTo("asker");
        assertThat(call.get(0).path("trace_id").asString()).isEqualTo(done.traceId());
        assertThat(call.get(0).path("output_tokens").asLong()).isEqualTo(3);
        JsonNode totals = server.get(NS + "/traces/" + done.traceId()).body().path("totals");
        assertThat(totals.path("llm_calls").asInt()).isEqualTo(1);
        // The provider never sees our attribution headers or our key.
        assertThat(provider.lastRequest().orElseThrow().headers())
            .doesNotContainKeys("x-dispatch-agent-name", "x-dispatch-invocation-id");
      }
    }
  }
}
