package dev.agentdispatch.server.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.llm.standin.StandInProvider;
import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.model.InvocationView;
import dev.agentdispatch.server.ServerConfig;
import dev.agentdispatch.server.ServerProcess;
import dev.agentdispatch.server.TestServer;
import dev.agentdispatch.store.postgres.PgTestDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * An unmodified dispatch_agents agent and client (the real SDK) against Agent Dispatch: the agent
 * joins the way {@code dispatch agent dev} joins it (the CLI registers its gRPC address, the agent
 * subscribes), and the server pushes every attempt to it over gRPC.
 */
class DispatchAgentsInteropTest {
  private static final String NS = "dev";
  private static final String AGENT = "probe-agent";

  private static final String AGENT_CODE =
      """
      from dispatch_agents import fn, on, BasePayload, invoke, memory, llm

      class AddIn(BasePayload):
          a: int
          b: int

      class AddOut(BasePayload):
          sum: int

      @fn()
      async def add(p: AddIn) -> AddOut:
          return AddOut(sum=p.a + p.b)

      @fn()
      async def explode(p: AddIn) -> AddOut:
          raise ValueError("cannot add " + str(p.a))

      @fn()
      async def add_twice(p: AddIn) -> AddOut:
          first = await invoke("probe-agent", "add", {"a": p.a, "b": p.b}, timeout=30)
          return AddOut(sum=first["sum"] * 2)

      class Note(BasePayload):
          key: str
          text: str

      class Recalled(BasePayload):
          text: str | None

      @fn()
      async def remember(p: Note) -> Recalled:
          await memory.long_term.add(p.key, p.text)
          return Recalled(text=(await memory.long_term.get(p.key)).value)

      @fn()
      async def ask(p: Note) -> Recalled:
          answer = await llm.chat(p.text, system="Be brief.", provider="openai")
          await llm.log_llm_call([{"role": "user", "content": p.text}], "direct",
                                 model="gpt-4o", provider="openai",
                                 input_tokens=1000, output_tokens=100)
          return Recalled(text=answer.content)

      class Nap(BasePayload):
          seconds: int

      @fn()
      async def slow(p: Nap) -> dict:
          import asyncio
          await asyncio.sleep(p.seconds)
          return {"slept": p.seconds}

      class Order(BasePayload):
          order_id: str

      @on(topic="orders.*")
      async def on_order(p: Order) -> dict:
          return {"seen": p.order_id}
      """;

  private static final String CLIENT_CODE =
      """
      import asyncio, json
      from dispatch_agents import invoke, emit_event, memory, llm

      async def main():
          print("ADD", json.dumps(await invoke("probe-agent", "add", {"a": 2, "b": 3}, timeout=30)))
          try:
              await invoke("probe-agent", "explode", {"a": 7, "b": 1}, timeout=30)
              print("EXPLODE returned")
          except Exception as e:
              print("EXPLODE", type(e).__name__, str(e))
          print("TWICE", json.dumps(await invoke("probe-agent", "add_twice", {"a": 1, "b": 2}, timeout=30)))
          print("EVENT", await emit_event("orders.created", {"order_id": "O1"}))
          print("REMEMBER", json.dumps(await invoke("probe-agent", "remember", {"key": "color", "text": "blue"}, timeout=30)))
          print("SIZE", (await memory.long_term.get("size", agent_name="probe-agent")).value)
          print("MISSING", (await memory.long_term.get("nothing", agent_name="probe-agent")).value)
          await memory.short_term.add("user:42", {"turns": 3}, agent_name="probe-agent")
          print("SHORT", json.dumps((await memory.short_term.get("user:42", agent_name="probe-agent")).session_data))
          print("ASK", json.dumps(await invoke("probe-agent", "ask", {"key": "q", "text": "three little words"}, timeout=30)))
          r = await llm.inference([{"role": "user", "content": "direct call"}], provider="anthropic")
          print("INFER", r.content, r.input_tokens, r.output_tokens, r.cost_usd > 0, r.provider)

      asyncio.run(main())
      """;

  @TempDir Path dir;
  private Process agent;

  @AfterEach
  void stopAgent() {
    if (agent != null) {
      agent.destroy();
    }
    PgTestDatabase.dropSchema(pgUrl);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void anUnmodifiedSdkAgentServesCallsEventsAndNestedCalls(String store) throws Exception {
    DispatchAgentsSdk sdk = DispatchAgentsSdk.require();
    try (TestServer server = server(store);
        StandInProvider provider = StandInProvider.start()) {
      Map<String, String> env = join(sdk, server);
      for (String format : List.of("openai", "anthropic")) {
        var put =
            server.put(
                "/v1/namespaces/" + NS + "/llm/providers/" + format,
                "{\"format\":\""
                    + format
                    + "\",\"base_url\":\""
                    + provider.baseUrl()
                    + "\",\"default_model\":\"standin-small\"}");
        assertThat(put.status()).as(put.body().toString()).isEqualTo(200);
      }
      JsonNode spec = server.get("/v1/namespaces/" + NS + "/agents/" + AGENT).body();
      assertThat(spec.path("status").asString()).isEqualTo("healthy");

      // Memory is one store behind both doors: this value is read by the SDK below.
      assertThat(
              server
                  .put(
                      "/v1/namespaces/" + NS + "/agents/" + AGENT + "/kv/size",
                      "{\"value\":\"large\"}")
                  .status())
          .isEqualTo(200);
      DispatchAgentsSdk.Result client = sdk.script(CLIENT_CODE, env, 120);
      String out = client.output();
      assertThat(client.exit()).as(out + log(dir.resolve("agent.log"))).isZero();
      assertThat(out).contains("ADD {\"sum\": 5}");
      assertThat(out).contains("TWICE {\"sum\": 6}");
      assertThat(out).containsPattern("EXPLODE \\w+ .*ValueError.*cannot add 7");
      assertThat(out).contains("REMEMBER {\"text\": \"blue\"}", "SIZE large", "MISSING None");
      assertThat(out).contains("SHORT {\"turns\": 3}");
      // The SDK's llm client through the door's gateway: in a handler (attributed to its
      // invocation, so the trace shows the call and the one it logged) and from a client.
      assertThat(out).contains("ASK {\"text\": \"echo: three little words\"}");
      assertThat(out).contains("INFER echo: direct call 2 3 True anthropic");
      JsonNode ask = onlyInvocation(server, "ask");
      JsonNode totals =
          server
              .get("/v1/namespaces/" + NS + "/traces/" + ask.path("trace_id").asString())
              .body()
              .path("totals");
      assertThat(totals.path("llm_calls").asInt()).isEqualTo(2);
      assertThat(totals.path("tokens").asLong()).isEqualTo(5 + 4 + 1000 + 100);
      assertThat(totals.path("cost_usd").decimalValue()).isGreaterThan(new BigDecimal("0.0035"));
      // The CLI's view of it: the calls under the invocation, and the reference's summary.
      JsonNode cliTrace =
          server
              .get(
                  "/api/unstable/namespace/"
                      + NS
                      + "/events/trace/"
                      + ask.path("trace_id").asString())
              .body();
      assertThat(cliTrace.path("llm_summary").path("total_llm_calls").asInt()).isEqualTo(2);
      assertThat(cliTrace.path("llm_summary").path("total_output_tokens").asLong()).isEqualTo(104);
      assertThat(cliTrace.path("events").get(0).path("children").findValuesAsString("message_type"))
          .containsExactly("llm_call", "llm_call");
      assertThat(
              server
                  .get("/v1/namespaces/" + NS + "/agents/" + AGENT + "/kv/color")
                  .body()
                  .path("value")
                  .asString())
          .isEqualTo("blue");

      // The Java SDK drives the Python agent too: one invocation model, whichever door it came in
      // by.
      DispatchClient java = DispatchClient.builder().baseUrl(server.url()).namespace(NS).build();
      String viaJava = java.invoke(AGENT, "add", Map.of("a", 40, "b", 2)).invocationId();
      InvocationView done = java.awaitTerminal(viaJava, Duration.ofSeconds(30));
      assertThat(done.result().orElseThrow().path("sum").asInt()).isEqualTo(42);

      JsonNode explode = onlyInvocation(server, "explode");
      assertThat(explode.path("status").asString()).isEqualTo("error");
      assertThat(explode.path("error").path("error_type").asString()).isEqualTo("ValueError");
      assertThat(explode.path("attempt").asInt()).as("ValueError is not retried").isEqualTo(1);

      JsonNode twice = onlyInvocation(server, "add_twice");
      JsonNode nested =
          server
              .get(
                  "/v1/namespaces/"
                      + NS
                      + "/invocations?function=add&parent_id="
                      + twice.path("invocation_id").asString())
              .body()
              .path("items");
      assertThat(nested).hasSize(1);
      assertThat(nested.get(0).path("trace_id").asString())
          .isEqualTo(twice.path("trace_id").asString());
      // The CLI's view of the same trace: the nested call hangs under the call that made it.
      JsonNode trace =
          server
              .get(
                  "/api/unstable/namespace/"
                      + NS
                      + "/events/trace/"
                      + twice.path("trace_id").asString())
              .body();
      assertThat(trace.path("total_events").asInt()).isEqualTo(2);
      JsonNode root = trace.path("events").get(0);
      assertThat(root.path("function_name").asString()).isEqualTo("add_twice");
      assertThat(root.path("invocation_result").path("sum").asInt()).isEqualTo(6);
      assertThat(root.path("children").get(0).path("function_name").asString()).isEqualTo("add");

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() ->
              onlyInvocation(server, "on_order").path("status").asString().equals("completed"));
      assertThat(onlyInvocation(server, "on_order").path("result").path("seen").asString())
          .isEqualTo("O1");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aCallOutlivesTheAgentCrashingAndADeadlineEndsAStuckOne(String store) throws Exception {
    DispatchAgentsSdk sdk = DispatchAgentsSdk.require();
    try (TestServer server = server(store)) {
      Map<String, String> env = join(sdk, server);
      String crashy = invokeNative(server, "slow", "{\"seconds\": 3}", "");
      await().atMost(Duration.ofSeconds(20)).until(() -> status(server, crashy).equals("running"));
      agent.destroyForcibly().waitFor(); // the agent process dies mid-call
      agent = sdk.startAgent(agentDir, grpcPort, env, dir.resolve("agent-2.log"));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> status(server, crashy).equals("completed"));
      JsonNode done = server.get("/v1/namespaces/" + NS + "/invocations/" + crashy).body();
      assertThat(done.path("result").path("slept").asInt()).isEqualTo(3);
      assertThat(done.path("attempt").asInt())
          .as("the call is made again after the crash")
          .isGreaterThan(1);
      assertThat(
              done.path("attempts").findValues("outcome").stream()
                  .filter(o -> o.asString().equals("completed")))
          .as("completed once")
          .hasSize(1);

      String stuck = invokeNative(server, "slow", "{\"seconds\": 30}", ",\"timeout_seconds\": 2");
      await().atMost(Duration.ofSeconds(20)).until(() -> status(server, stuck).equals("timed_out"));
    }
  }

  @Test
  void anAgentJoinedOnOneNodeIsInvokedThroughTheOther() throws Exception {
    DispatchAgentsSdk sdk = DispatchAgentsSdk.require();
    pgUrl = PgTestDatabase.freshSchemaUrl();
    try (ServerProcess a = ServerProcess.start(pgUrl);
        ServerProcess b = ServerProcess.start(pgUrl)) {
      grpcPort = freePort();
      agentDir = Files.createDirectories(dir.resolve("agent"));
      Files.writeString(agentDir.resolve("dispatch.yaml"), "agent_name: " + AGENT + "\n");
      Files.writeString(agentDir.resolve("agent.py"), AGENT_CODE);
      HttpClient http = HttpClient.newHttpClient();
      var register =
          HttpRequest.newBuilder(URI.create(a.url() + "/api/unstable/agents/register"))
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"agent_name\":\"" + AGENT + "\",\"url\":\"127.0.0.1:" + grpcPort + "\"}"))
              .build();
      assertThat(http.send(register, HttpResponse.BodyHandlers.ofString()).statusCode())
          .isEqualTo(200);
      agent =
          sdk.startAgent(
              agentDir, grpcPort, sdk.environment(a.url(), NS, AGENT), dir.resolve("agent.log"));
      var agentOnB =
          HttpRequest.newBuilder(URI.create(b.url() + "/v1/namespaces/" + NS + "/agents/" + AGENT))
              .build();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> http.send(agentOnB, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
      DispatchAgentsSdk.Result client =
          sdk.script(
              """
              import asyncio, json
              from dispatch_agents import invoke
              async def main():
                  print("ADD", json.dumps(await invoke("probe-agent", "add", {"a": 20, "b": 22}, timeout=60)))
              asyncio.run(main())
              """,
              sdk.environment(b.url(), NS, "client"),
              120);
      assertThat(client.output())
          .as(client.output() + log(dir.resolve("agent.log")))
          .contains("ADD {\"sum\": 42}");
    }
  }

  private Path agentDir;
  private int grpcPort;
  private String pgUrl;

  /**
   * A server on a fresh SQLite file, or on a fresh PostgreSQL schema (skipped without one, not in
   * CI).
   */
  private TestServer server(String store) {
    if (store.equals("sqlite")) {
      return TestServer.start(dir.resolve("db"));
    }
    pgUrl = PgTestDatabase.freshSchemaUrl();
    return TestServer.start(
        ServerConfig.defaults()
            .withPort(0)
            .withDb(pgUrl)
            .withSweepInterval(Duration.ofMillis(100)));
  }

  /**
   * Registers the agent's address and starts it, as {@code dispatch agent dev} does; waits for it.
   */
  private Map<String, String> join(DispatchAgentsSdk sdk, TestServer server) throws IOException {
    grpcPort = freePort();
    agentDir = Files.createDirectories(dir.resolve("agent"));
    Files.writeString(agentDir.resolve("dispatch.yaml"), "agent_name: " + AGENT + "\n");
    Files.writeString(agentDir.resolve("agent.py"), AGENT_CODE);
    var registered =
        server.post(
            "/api/unstable/agents/register",
            "{\"agent_name\":\"" + AGENT + "\",\"url\":\"127.0.0.1:" + grpcPort + "\"}");
    assertThat(registered.status()).isEqualTo(200);
    Map<String, String> env = sdk.environment(server.url(), NS, AGENT);
    agent = sdk.startAgent(agentDir, grpcPort, env, dir.resolve("agent.log"));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> server.get("/v1/namespaces/" + NS + "/agents/" + AGENT).status() == 200);
    return env;
  }

  private static String invokeNative(
      TestServer server, String function, String payload, String extra) {
    var created =
        server.post(
            "/v1/namespaces/" + NS + "/invocations",
            "{\"agent\":\""
                + AGENT
                + "\",\"function\":\""
                + function
                + "\",\"payload\":"
                + payload
                + extra
                + "}");
    assertThat(created.status()).as(created.body().toString()).isEqualTo(202);
    return created.body().path("invocation_id").asString();
  }

  private static String status(TestServer server, String id) {
    return server
        .get("/v1/namespaces/" + NS + "/invocations/" + id)
        .body()
        .path("status")
        .asString();
  }

  private static JsonNode onlyInvocation(TestServer server, String function) {
    JsonNode items =
        server
            .get("/v1/namespaces/" + NS + "/invocations?function=" + function)
            .body()
            .path("items");
    assertThat(items).as(function).hasSize(1);
    return items.get(0);
  }

  private static String log(Path file) throws IOException {
    return Files.exists(file) ? "\nagent log:\n" + Files.readString(file) : "";
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
