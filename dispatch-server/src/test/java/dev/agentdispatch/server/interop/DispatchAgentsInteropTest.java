package dev.agentdispatch.server.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.server.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
      from dispatch_agents import fn, on, BasePayload, invoke, memory

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

      class Order(BasePayload):
          order_id: str

      @on(topic="orders.*")
      async def on_order(p: Order) -> dict:
          return {"seen": p.order_id}
      """;

  private static final String CLIENT_CODE =
      """
      import asyncio, json
      from dispatch_agents import invoke, emit_event, memory

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

      asyncio.run(main())
      """;

  @TempDir Path dir;
  private Process agent;

  @AfterEach
  void stopAgent() {
    if (agent != null) {
      agent.destroy();
    }
  }

  @Test
  void anUnmodifiedSdkAgentServesCallsEventsAndNestedCalls() throws Exception {
    DispatchAgentsSdk sdk = DispatchAgentsSdk.require();
    try (TestServer server = TestServer.start(dir.resolve("db"))) {
      int grpcPort = freePort();
      Path agentDir = Files.createDirectories(dir.resolve("agent"));
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
      assertThat(
              server
                  .get("/v1/namespaces/" + NS + "/agents/" + AGENT + "/kv/color")
                  .body()
                  .path("value")
                  .asString())
          .isEqualTo("blue");

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

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() ->
              onlyInvocation(server, "on_order").path("status").asString().equals("completed"));
      assertThat(onlyInvocation(server, "on_order").path("result").path("seen").asString())
          .isEqualTo("O1");
    }
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
