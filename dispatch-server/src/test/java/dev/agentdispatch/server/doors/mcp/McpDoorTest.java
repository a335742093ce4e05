package dev.agentdispatch.server.doors.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.core.auth.ApiKey;
import dev.agentdispatch.core.auth.Role;
import dev.agentdispatch.examples.chat.ChatAgent;
import dev.agentdispatch.examples.greeter.GreeterAgent;
import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.worker.Worker;
import dev.agentdispatch.server.ServerConfig;
import dev.agentdispatch.server.TestServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The MCP door with the official MCP Java SDK client against a real server (auth on) and real
 * workers: the greeter and chat example agents.
 */
class McpDoorTest {
  private static final String MCP = "/mcp/default";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  static TestServer server;
  static String key;
  static List<Worker> workers;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            ServerConfig.defaults()
                .withPort(0)
                .withDb("sqlite:" + dir.resolve("mcp.db"))
                .withRequireAuth(true)
                .withSweepInterval(Duration.ofMillis(100)));
    key = server.newKey(Role.CLIENT, "default");
    DispatchClient agents =
        DispatchClient.builder()
            .baseUrl(server.url())
            .namespace("default")
            .apiKey(Optional.of(server.newKey(Role.WORKER, "default")))
            .build();
    // A 3 s lease: heartbeats, which carry cancels, go every second.
    Worker chat =
        Worker.builder()
            .client(agents)
            .agent(ChatAgent.AGENT)
            .register(new ChatAgent())
            .concurrency(8)
            .leaseSeconds(3)
            .pollWait(Duration.ofSeconds(2))
            .gracePeriod(Duration.ofSeconds(1))
            .build()
            .start();
    workers = List.of(GreeterAgent.start(agents), chat);
  }

  @AfterAll
  static void stop() {
    workers.forEach(Worker::stop);
    server.close();
  }

  /** A client of the SDK on {@code endpoint}, with {@code key}, configured by {@code spec}. */
  static McpSyncClient client(
      String endpoint, String apiKey, Function<McpClient.SyncSpec, McpClient.SyncSpec> spec) {
    HttpClientStreamableHttpTransport transport =
        transport(endpoint, apiKey, new AtomicReference<>());
    McpSyncClient c =
        spec.apply(McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30))).build();
    c.initialize();
    return c;
  }

  /** A transport that sends {@code apiKey} and notes the id of the last tools/call it sent. */
  static HttpClientStreamableHttpTransport transport(
      String endpoint, String apiKey, AtomicReference<Object> lastCallId) {
    Pattern id = Pattern.compile("\"id\"\\s*:\\s*(\"[^\"]*\"|\\d+)");
    return HttpClientStreamableHttpTransport.builder(server.url())
        .endpoint(endpoint)
        .addHttpRequestCustomizer((builder, method, uri, body, context) -> {
          builder.header("Authorization", "Bearer " + apiKey);
          if (body != null && body.contains("\"tools/call\"")) {
            Matcher m = id.matcher(body);
            if (m.find()) {
              String v = m.group(1);
              lastCallId.set(v.startsWith("\"") ? v.substring(1, v.length() - 1) : Long.valueOf(v));
            }
          }
        })
        .build();
  }

  static CallToolResult call(McpSyncClient c, String tool, Map<String, Object> args) {
    return c.callTool(CallToolRequest.builder(tool).arguments(args).build());
  }

  static String text(CallToolResult r) {
    return ((TextContent) r.content().get(0)).text();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> structured(CallToolResult r) {
    return (Map<String, Object>) r.structuredContent();
  }

  @Test
  void listsEachCallableFunctionAsAToolWithItsSchemas() {
    try (McpSyncClient c = client(MCP, key, s -> s)) {
      assertThat(c.getCurrentInitializationResult().protocolVersion()).isEqualTo(McpDoor.LATEST);
      Map<String, McpSchema.Tool> tools = new java.util.HashMap<>();
      c.listTools().tools().forEach(t -> tools.put(t.name(), t));
      // greeter.welcome handles a topic only: not a tool. hourly is callable (it has a schedule).
      assertThat(tools).containsKeys("greeter.greet", "greeter.shout", "chat.turn");
      assertThat(tools).doesNotContainKey("greeter.welcome");
      McpSchema.Tool greet = tools.get("greeter.greet");
      assertThat(greet.description()).contains("Greets someone by name");
      assertThat(greet.inputSchema()).containsEntry("type", "object");
      assertThat(greet.inputSchema().get("properties").toString()).contains("name");
      assertThat(tools.get("chat.turn").outputSchema()).containsEntry("type", "object");
    }
  }

  @Test
  void aCallReturnsTheResultAsStructuredContentAndAFailureAsAnError() {
    try (McpSyncClient c = client(MCP, key, s -> s)) {
      CallToolResult ok = call(c, "greeter.greet", Map.of("name", "Ada"));
      assertThat(ok.isError()).isFalse();
      assertThat(structured(ok).get("message").toString()).contains("Ada");
      assertThat(text(ok)).contains("Ada");

      CallToolResult failed = call(c, "greeter.shout", Map.of("name", ""));
      assertThat(failed.isError()).isTrue();
      assertThat(text(failed))
          .contains("greeter.shout ended error")
          .contains("name must not be empty");
    }
  }

  @Test
  void badInputIsRefusedInMcpShapesAndChangesNothing() throws Exception {
    try (McpSyncClient c = client(MCP, key, s -> s)) {
      long before = server.invocationCount("default");
      int sessions = sessionCount();
      CallToolResult invalid = call(c, "greeter.greet", Map.of("name", 5));
      assertThat(invalid.isError()).isTrue();
      assertThat(text(invalid)).contains("input schema");
      assertThat(invalid.meta()).containsKey("dev.agentdispatch/violations");
      // A conversation is not opened by a refused first input either.
      CallToolResult badTurn = call(c, "chat.turn", Map.of("text", List.of()));
      assertThat(badTurn.isError()).isTrue();
      assertThatThrownBy(() -> call(c, "greeter.nope", Map.of()))
          .isInstanceOfSatisfying(
              McpError.class, e -> assertThat(e.getJsonRpcError().code()).isEqualTo(-32602));
      assertThat(server.invocationCount("default")).isEqualTo(before);
      assertThat(sessionCount()).isEqualTo(sessions);
    }
    // Raw JSON-RPC: not JSON, a batch, an unknown method, a session that is not open.
    assertThat(raw("POST", MCP, "{nope", key, Map.of()).statusCode()).isEqualTo(400);
    assertThat(rawBody("POST", MCP, "{nope", key, Map.of()).path("error").path("code").asInt())
        .isEqualTo(-32700);
    assertThat(rawBody("POST", MCP, "[]", key, Map.of()).path("error").path("code").asInt())
        .isEqualTo(-32600);
    JsonNode unknown =
        rawBody(
            "POST",
            MCP,
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"prompts/list\"}",
            key,
            Map.of());
    assertThat(unknown.path("id").asInt()).isEqualTo(7);
    assertThat(unknown.path("error").path("code").asInt()).isEqualTo(-32601);
    HttpResponse<String> gone =
        raw(
            "POST",
            MCP,
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}",
            key,
            Map.of("Mcp-Session-Id", "no-such-session"));
    assertThat(gone.statusCode()).isEqualTo(404);
  }

  @Test
  void theCallsOfOneToolInAnMcpSessionAreOneConversation() {
    try (McpSyncClient c = client(MCP, key, s -> s)) {
      CallToolResult first = call(c, "chat.turn", Map.of("text", "hello"));
      CallToolResult second = call(c, "chat.turn", Map.of("text", "again"));
      assertThat(structured(first)).containsEntry("text", "done:hello");
      assertThat(structured(second)).containsEntry("text", "done:again");
      Object sid = first.meta().get("dev.agentdispatch/session");
      assertThat(sid).isNotNull().isEqualTo(second.meta().get("dev.agentdispatch/session"));
      assertThat(
              server
                  .send("GET", "/v1/namespaces/default/sessions/" + sid + "/inputs", null, key)
                  .body()
                  .path("items")
                  .size())
          .isEqualTo(2);
    }
  }

  @Test
  void progressNotificationsFollowTheEventLogWhenTheClientSendsAToken() {
    List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
    try (McpSyncClient c = client(MCP, key, s -> s.progressConsumer(progress::add))) {
      CallToolResult r =
          c.callTool(
              CallToolRequest.builder("chat.turn")
                  .arguments(Map.of("text", "sleep:500"))
                  .progressToken("p-1")
                  .build());
      assertThat(structured(r)).containsEntry("text", "done:sleep:500");
      assertThat(progress).isNotEmpty().allMatch(p -> "p-1".equals(p.progressToken()));
      assertThat(progress).anyMatch(p -> p.message().startsWith("progress:"));
      // The SDK hands notifications to the consumer on more than one thread, so the order they
      // arrive in here is not the order on the wire; each entry of the log is sent once.
      List<Double> values =
          progress.stream().map(McpSchema.ProgressNotification::progress).toList();
      assertThat(values).doesNotHaveDuplicates().allMatch(v -> v > 0);
    }
  }

  @Test
  void aRunWaitingForInputAsksTheUserThroughElicitationAndResumes() {
    List<String> asked = new CopyOnWriteArrayList<>();
    try (McpSyncClient c =
        client(
            MCP,
            key,
            s ->
                s.capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
                    .elicitation(req -> {
                      asked.add(req.message());
                      assertThat(req.requestedSchema()).containsKey("properties");
                      return new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("text", "yes"));
                    }))) {
      CallToolResult r = call(c, "chat.turn", Map.of("text", "approve:prod"));
      assertThat(r.isError()).isFalse();
      assertThat(structured(r)).containsEntry("text", "decision:yes");
      assertThat(asked).containsExactly("deploy prod?");
    }
  }

  @Test
  void withoutElicitationTheWaitIsReportedAndTheNextCallAnswersIt() {
    try (McpSyncClient c = client(MCP, key, s -> s)) {
      CallToolResult waiting = call(c, "chat.turn", Map.of("text", "approve:staging"));
      assertThat(waiting.isError()).isTrue();
      assertThat(waiting.meta()).containsEntry("dev.agentdispatch/status", "waiting_for_input");
      assertThat(text(waiting)).contains("deploy staging?");
      CallToolResult answered = call(c, "chat.turn", Map.of("text", "no"));
      assertThat(structured(answered)).containsEntry("text", "decision:no");
    }
  }

  @Test
  void aCancelledNotificationCancelsTheInvocation() throws Exception {
    AtomicReference<Object> callId = new AtomicReference<>();
    HttpClientStreamableHttpTransport transport = transport(MCP, key, callId);
    List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
    // Its own thread: on 2 cores the common pool has one, and the SDK needs it while the call
    // blocks.
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try (McpSyncClient c =
        McpClient.sync(transport)
            .requestTimeout(Duration.ofSeconds(60))
            .progressConsumer(progress::add)
            .build()) {
      c.initialize();
      CompletableFuture<CallToolResult> running =
          CompletableFuture.supplyAsync(
              () ->
                  c.callTool(
                      CallToolRequest.builder("chat.turn")
                          .arguments(Map.of("text", "sleep:60000"))
                          .meta(
                              Map.of(
                                  "dev.agentdispatch/session", "cancel-me", "progressToken", "c-1"))
                          .build()),
              caller);
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> {
            if (running.isDone()) {
              running.join(); // throws what failed the call
            }
            return !progress.isEmpty();
          });
      transport
          .sendMessage(
              new McpSchema.JSONRPCNotification(
                  "2.0",
                  "notifications/cancelled",
                  Map.of("requestId", callId.get(), "reason", "changed my mind")))
          .block();
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(() ->
              assertThat(
                      server
                          .send(
                              "GET",
                              "/v1/namespaces/default/invocations?session_id=cancel-me",
                              null,
                              key)
                          .body()
                          .path("items")
                          .get(0)
                          .path("status")
                          .asString())
                  .isEqualTo("cancelled"));
      // MCP wants no response to a cancelled request.
      assertThat(running).isNotDone();
      running.cancel(true);
    } finally {
      caller.shutdownNow();
    }
  }

  @Test
  void statelessCallsWorkAndNameTheirConversationInMeta() throws Exception {
    try (McpSyncClient c = client(MCP + "?stateless=true", key, s -> s)) {
      assertThat(
              structured(call(c, "greeter.greet", Map.of("name", "Bo"))).get("message").toString())
          .contains("Bo");
      Map<String, Object> meta = Map.of("dev.agentdispatch/session", "stateless-talk");
      CallToolResult asked =
          c.callTool(
              CallToolRequest.builder("chat.turn")
                  .arguments(Map.of("text", "approve:db"))
                  .meta(meta)
                  .build());
      assertThat(asked.meta()).containsEntry("dev.agentdispatch/status", "waiting_for_input");
      CallToolResult answered =
          c.callTool(
              CallToolRequest.builder("chat.turn")
                  .arguments(Map.of("text", "ok"))
                  .meta(meta)
                  .build());
      assertThat(structured(answered)).containsEntry("text", "decision:ok");
    }
    // With no session at all, a run that waits for input cannot be answered: the SDK fails it.
    JsonNode plain =
        rawBody(
            "POST",
            MCP,
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"chat.turn\","
                + "\"arguments\":{\"text\":\"approve:x\"}}}",
            key,
            Map.of());
    assertThat(plain.path("result").path("isError").asBoolean()).isTrue();
    assertThat(plain.path("result").path("content").get(0).path("text").asString())
        .contains("is not a session run");
  }

  @Test
  void keysAndNamespacesAreCheckedAsOnV1() throws Exception {
    String list = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";
    HttpResponse<String> anonymous = raw("POST", MCP, list, null, Map.of());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(TestServer.JSON.readTree(anonymous.body()).path("error").path("code").asInt())
        .isEqualTo(-32001);
    assertThat(raw("POST", MCP, list, server.newKey(Role.ADMIN, "other"), Map.of()).statusCode())
        .isEqualTo(403);
    String reader = server.newKey(Role.READ, "default");
    assertThat(raw("POST", MCP, list, reader, Map.of()).statusCode()).isEqualTo(200);
    String call =
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"greeter.greet\","
            + "\"arguments\":{\"name\":\"x\"}}}";
    assertThat(raw("POST", MCP, call, reader, Map.of()).statusCode()).isEqualTo(403);
    assertThatThrownBy(() -> client(MCP, "wrong-key", s -> s)).isInstanceOf(RuntimeException.class);
    // A session is the key's own: another key (even an admin of every namespace) cannot use it.
    {
      String sid = openSession();
      String admin = server.newKey(Role.ADMIN, ApiKey.ALL_NAMESPACES);
      assertThat(raw("POST", MCP, list, admin, Map.of("Mcp-Session-Id", sid)).statusCode())
          .isEqualTo(404);
      assertThat(raw("DELETE", MCP, null, key, Map.of("Mcp-Session-Id", sid)).statusCode())
          .isEqualTo(204);
      assertThat(raw("POST", MCP, list, key, Map.of("Mcp-Session-Id", sid)).statusCode())
          .isEqualTo(404);
    }
  }

  /** Issue 14: a call waiting on its run ends soon after its key is revoked; the run goes on. */
  @Test
  void aCallUnderWayEndsSoonAfterItsKeyIsRevoked() throws Exception {
    String doomed = server.newKey(Role.CLIENT, "default");
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"chat.turn\","
            + "\"arguments\":{\"text\":\"sleep:30000\"},\"_meta\":{\"progressToken\":\"r-1\"}}}";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.url() + MCP))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("Authorization", "Bearer " + doomed)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<java.util.stream.Stream<String>> response =
        HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
    java.util.Iterator<String> lines = response.body().iterator();
    // The first progress notification: the run has started.
    while (!lines.next().startsWith("data: ")) {
      // comments and event names
    }
    long revokedAt = System.nanoTime();
    server
        .server()
        .store()
        .keys()
        .revoke(
            dev.agentdispatch.core.auth.KeySecrets.shownPrefix(doomed), java.time.Instant.now());
    String last = "";
    while (lines.hasNext()) {
      String line = lines.next();
      if (line.startsWith("data: ")) {
        last = line.substring(6);
      }
    }
    assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(12));
    JsonNode error = TestServer.JSON.readTree(last).path("error");
    assertThat(error.path("code").asInt()).isEqualTo(-32001);
    assertThat(error.path("message").asString()).contains("revoked");
    JsonNode run =
        server
            .send("GET", "/v1/namespaces/default/invocations?agent=chat&limit=1", null, key)
            .body()
            .path("items")
            .get(0);
    assertThat(run.path("status").asString()).isEqualTo("running");
    server.send(
        "POST",
        "/v1/namespaces/default/invocations/" + run.path("id").asString() + "/cancel",
        "{}",
        key);
  }

  /**
   * Issue 14: the rule every door shares for agent-limited keys: a client key limited to agents
   * lists and calls only their tools; a worker key so limited calls any (its handlers do).
   */
  @Test
  void agentLimitedKeysFollowTheRuleEveryDoorShares() throws Exception {
    String client = server.newKey(Role.CLIENT, "default", java.util.Set.of(GreeterAgent.AGENT));
    String worker = server.newKey(Role.WORKER, "default", java.util.Set.of(GreeterAgent.AGENT));
    try (McpSyncClient c = client(MCP, client, s -> s)) {
      assertThat(c.listTools().tools())
          .extracting(McpSchema.Tool::name)
          .isNotEmpty()
          .allMatch(n -> n.startsWith(GreeterAgent.AGENT + "."));
      assertThat(
              structured(call(c, "greeter.greet", Map.of("name", "Al"))).get("message").toString())
          .contains("Al");
    }
    String chat =
        "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"chat.turn\","
            + "\"arguments\":{\"text\":\"hi\"}}}";
    HttpResponse<String> refused = raw("POST", MCP + "?stateless=true", chat, client, Map.of());
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("limited to agents [" + GreeterAgent.AGENT + "]");
    try (McpSyncClient c = client(MCP, worker, s -> s)) {
      assertThat(structured(call(c, "chat.turn", Map.of("text", "hi"))))
          .containsEntry("text", "done:hi");
    }
  }

  /** How many Dispatch sessions the namespace has. */
  private static int sessionCount() {
    TestServer.Response r =
        server.send("GET", "/v1/namespaces/default/sessions?limit=1000", null, key);
    assertThat(r.status()).isEqualTo(200);
    return r.body().path("items").size();
  }

  /** Opens a session by hand (the SDK keeps its id to itself) and returns the id. */
  private static String openSession() throws Exception {
    HttpResponse<String> init =
        raw(
            "POST",
            MCP,
            "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}",
            key,
            Map.of());
    return init.headers().firstValue("Mcp-Session-Id").orElseThrow();
  }

  static HttpResponse<String> raw(
      String method, String path, String body, String apiKey, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    if (apiKey != null) {
      b.header("Authorization", "Bearer " + apiKey);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The JSON-RPC message of a raw answer, from a JSON body or the last event of an SSE one. */
  static JsonNode rawBody(
      String method, String path, String body, String apiKey, Map<String, String> headers)
      throws Exception {
    String text = raw(method, path, body, apiKey, headers).body();
    if (text.startsWith("{") || text.startsWith("[")) {
      return TestServer.JSON.readTree(text);
    }
    String last = "";
    for (String line : text.split("\n")) {
      if (line.startsWith("data: ")) {
        last = line.substring(6);
      }
    }
    return TestServer.JSON.readTree(last);
  }
}
