package dev.agentdispatch.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.llm.standin.StandInProvider;
import dev.agentdispatch.server.TestServer;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The dispatch-agents door's LLM endpoints, in the shapes its SDK sends and parses, through the
 * real gateway to a stand-in provider: inference in both formats, logged calls, the proxy and
 * passthrough relays, the list of calls, and the budget refusal.
 */
class DispatchAgentsLlmTest {
  private static final String DOOR = "/api/unstable/namespace/dev";

  @TempDir static Path dir;
  static TestServer server;
  static StandInProvider provider;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
    provider = StandInProvider.start();
    for (String format : new String[] {"openai", "anthropic"}) {
      var put =
          server.put(
              "/v1/namespaces/dev/llm/providers/" + format + "-standin",
              "{\"format\":\""
                  + format
                  + "\",\"base_url\":\""
                  + provider.baseUrl()
                  + "\",\"default_model\":\"standin-small\"}");
      assertThat(put.status()).as(put.body().toString()).isEqualTo(200);
    }
  }

  @AfterAll
  static void stop() {
    server.close();
    provider.close();
  }

  @Test
  void inferenceAnswersInTheSdksShapeAndIsRecordedWithItsCost() {
    var r =
        server.post(
            DOOR + "/llm/inference",
            """
            {"messages":[{"role":"system","content":"Be brief."},
                         {"role":"user","content":"two words"}],
             "provider":"openai","temperature":0.5,"trace_id":"t-inference","agent_name":"writer"}\
            """);
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    JsonNode a = r.body();
    assertThat(a.path("content").asString()).isEqualTo("echo: two words");
    assertThat(a.path("finish_reason").asString()).isEqualTo("stop");
    assertThat(a.path("provider").asString()).isEqualTo("openai-standin");
    assertThat(a.path("input_tokens").asLong()).isEqualTo(4); // "Be brief." + "two words"
    assertThat(a.path("output_tokens").asLong()).isEqualTo(3);
    assertThat(a.path("cost_usd").decimalValue()).isPositive();
    String id = a.path("llm_call_id").asString();

    JsonNode calls = server.get(DOOR + "/llm/calls").body().path("calls");
    JsonNode recorded = find(calls, id);
    assertThat(recorded.path("trace_id").asString()).isEqualTo("t-inference");
    assertThat(recorded.path("agent_name").asString()).isEqualTo("writer");
    assertThat(recorded.path("cost_usd").decimalValue())
        .isEqualByComparingTo(a.path("cost_usd").decimalValue());
  }

  @Test
  void anthropicToolUseComesBackAsOpenAiToolCalls() {
    var r =
        server.post(
            DOOR + "/llm/inference",
            """
            {"messages":[{"role":"user","content":"weather in Oslo"}],"provider":"anthropic",
             "tools":[{"type":"function","function":{"name":"weather","description":"Now",
               "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]}\
            """);
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    assertThat(r.body().path("finish_reason").asString()).isEqualTo("tool_calls");
    JsonNode call = r.body().path("tool_calls").path(0);
    assertThat(call.path("type").asString()).isEqualTo("function");
    assertThat(call.path("function").path("name").asString()).isEqualTo("weather");
    assertThat(call.path("function").path("arguments").isString()).isTrue();
    assertThat(provider.lastRequest().orElseThrow().bodyText()).contains("\"input_schema\"");
  }

  @Test
  void loggedCallsArePricedAndListed() {
    var r =
        server.post(
            DOOR + "/llm/log",
            """
            {"input_messages":[{"role":"user","content":"hi"}],"response_content":"hello",
             "model":"gpt-4o","provider":"openai","input_tokens":1000000,"output_tokens":100000,
             "finish_reason":"stop","latency_ms":120,"trace_id":"t-log"}\
            """);
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    assertThat(r.body().path("cost_usd").decimalValue())
        .isEqualByComparingTo(new BigDecimal("3.5"));
    JsonNode listed =
        find(server.get(DOOR + "/llm/calls").body().path("calls"), r.text("llm_call_id"));
    assertThat(listed.path("model").asString()).isEqualTo("gpt-4o");
    assertThat(listed.path("type").asString()).isEqualTo("llm_call");
  }

  @Test
  void proxyAndPassthroughRelayTheProvidersOwnAnswers() {
    var chat =
        server.post(
            DOOR + "/llm/proxy",
            """
            {"endpoint":"/v1/chat/completions","body":{"model":"standin-small",
              "messages":[{"role":"user","content":"relay me"}]}}\
            """);
    assertThat(chat.status()).as(chat.body().toString()).isEqualTo(200);
    assertThat(chat.body().path("choices").path(0).path("message").path("content").asString())
        .isEqualTo("echo: relay me");

    var embeddings =
        server.post(
            DOOR + "/llm/passthrough",
            """
            {"path":"/v1/embeddings","method":"POST","provider_format":"openai",
             "body":{"model":"standin-small","input":"a b c"}}\
            """);
    assertThat(embeddings.status()).as(embeddings.body().toString()).isEqualTo(200);
    assertThat(embeddings.body().path("data").path(0).path("embedding").isArray()).isTrue();

    var unknown =
        server.post(
            DOOR + "/llm/passthrough",
            "{\"path\":\"/v1/audio/speech\",\"method\":\"POST\",\"provider_format\":\"openai\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().path("detail").asString()).contains("/v1/audio/speech");
  }

  @Test
  void anAgentOverItsBudgetGetsTheReferenceRefusalAndNothingGoesUpstream() {
    assertThat(
            server
                .put(
                    "/v1/namespaces/dev/agents/frugal",
                    "{\"functions\":[{\"name\":\"f\"}],\"monthly_budget_usd\":0.000001}")
                .status())
        .isEqualTo(200);
    // The agent then joins through the door, as an SDK agent does: its announcement names no
    // budget, and the operator's stays.
    var joined =
        server.post(
            DOOR + "/events/subscribe",
            "{\"topics\":[],\"agent_name\":\"frugal\",\"functions\":[{\"name\":\"f\","
                + "\"triggers\":[{\"type\":\"callable\",\"function_name\":\"f\"}]}]}");
    assertThat(joined.status()).as(joined.body().toString()).isEqualTo(200);
    JsonNode agent = server.get("/v1/namespaces/dev/agents/frugal").body();
    assertThat(agent.path("delivery").path("mode").asString()).isEqualTo("grpc");
    assertThat(agent.path("monthly_budget_usd").decimalValue()).isEqualByComparingTo("0.000001");
    int before = provider.requests();
    var r =
        server.post(
            DOOR + "/llm/inference",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"agent_name\":\"frugal\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().path("detail").asString())
        .startsWith("Budget exceeded for this agent")
        .contains("agent 'frugal'");
    assertThat(provider.requests()).isEqualTo(before);
  }

  @Test
  void badInferenceRequestsAreRefusedNamingTheField() {
    var noMessages = server.post(DOOR + "/llm/inference", "{\"messages\":[]}");
    assertThat(noMessages.status()).isEqualTo(400);
    assertThat(noMessages.body().path("detail").asString()).contains("'messages'");
    var google =
        server.post(
            DOOR + "/llm/inference",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"provider\":\"google\"}");
    assertThat(google.status()).isEqualTo(400);
    assertThat(google.body().path("detail").asString()).contains("provider 'google'");
  }

  private static JsonNode find(JsonNode calls, String id) {
    for (JsonNode c : calls) {
      if (c.path("llm_call_id").asString().equals(id)) {
        return c;
      }
    }
    throw new AssertionError("call " + id + " not listed in " + calls);
  }
}
