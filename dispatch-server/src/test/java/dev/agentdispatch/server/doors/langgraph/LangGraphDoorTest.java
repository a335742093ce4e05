package dev.agentdispatch.server.doors.langgraph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.core.auth.Role;
import dev.agentdispatch.sdk.worker.Worker;
import dev.agentdispatch.server.ServerConfig;
import dev.agentdispatch.server.SessionAgent;
import dev.agentdispatch.server.TestAgent;
import dev.agentdispatch.server.TestServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The LangGraph door against a real server with keys required and real SDK workers ({@code chat}
 * for conversations, {@code tester} for failures), over raw HTTP as the platform's clients send it.
 */
class LangGraphDoorTest {
  private static final String BASE = "/langgraph/default";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  static TestServer server;
  static Worker chatWorker;
  static Worker testerWorker;
  static String invoker;
  static String reader;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            ServerConfig.defaults()
                .withPort(0)
                .withDb("sqlite:" + dir.resolve("langgraph.db"))
                .withRequireAuth(true)
                .withSweepInterval(Duration.ofMillis(100)));
    String worker = server.newKey(Role.WORKER, "default");
    invoker = server.newKey(Role.CLIENT, "default");
    reader = server.newKey(Role.READ, "default");
    chatWorker = worker(worker, SessionAgent.NAME, new SessionAgent());
    testerWorker = worker(worker, TestAgent.NAME, new TestAgent());
    awaitAssistants();
  }

  private static Worker worker(String key, String agent, Object handlers) {
    return Worker.builder()
        .client(
            dev.agentdispatch.sdk.client.DispatchClient.builder()
                .baseUrl(server.url())
                .apiKey(key)
                .build())
        .agent(agent)
        .register(handlers)
        .leaseSeconds(3)
        .pollWait(Duration.ofSeconds(1))
        .gracePeriod(Duration.ofSeconds(1))
        .build()
        .start();
  }

  private static void awaitAssistants() {
    Instant deadline = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(deadline)) {
      JsonNode found = post("/assistants/search", "{\"limit\": 100}", reader).body();
      if (graphs(found).containsAll(List.of("chat.turn", "tester.failing"))) {
        return;
      }
      sleep(100);
    }
    throw new AssertionError("the workers' agents never registered");
  }

  @AfterAll
  static void stop() {
    chatWorker.stop();
    testerWorker.stop();
    server.close();
  }

  private static TestServer.Response post(String path, String json, String key) {
    return server.send("POST", BASE + path, json, key);
  }

  private static TestServer.Response get(String path, String key) {
    return server.send("GET", BASE + path, null, key);
  }

  private static List<String> graphs(JsonNode assistants) {
    List<String> all = new ArrayList<>();
    assistants.forEach(a -> all.add(a.path("graph_id").asString()));
    return all;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String newThread() {
    TestServer.Response r = post("/threads", "{\"graph_id\": \"chat.turn\"}", invoker);
    assertThat(r.status()).isEqualTo(200);
    return r.text("thread_id");
  }

  private static String run(String text, String strategy) {
    return "{\"assistant_id\": \"chat.turn\", \"input\": {\"text\": \""
        + text
        + "\"}, \"multitask_strategy\": \""
        + strategy
        + "\"}";
  }

  private static JsonNode awaitRun(String thread, String run, String status) {
    Instant deadline = Instant.now().plusSeconds(20);
    JsonNode now = null;
    while (Instant.now().isBefore(deadline)) {
      now = get("/threads/" + thread + "/runs/" + run, reader).body();
      if (now.path("status").asString().equals(status)) {
        return now;
      }
      sleep(50);
    }
    throw new AssertionError("run " + run + " never became " + status + ": " + now);
  }

  @Test
  void discoversAssistantsWithStableIdsAndSchemas() {
    JsonNode found = post("/assistants/search", "{\"limit\": 100}", reader).body();
    assertThat(graphs(found)).contains("chat.turn", "tester.echo", "tester.failing");
    JsonNode chat = post("/assistants/search", "{\"graph_id\": \"chat.turn\"}", reader).body();
    assertThat(chat).hasSize(1);
    String id = chat.get(0).path("assistant_id").asString();
    assertThat(id)
        .isEqualTo(
            UUID.nameUUIDFromBytes("langgraph:default/chat.turn".getBytes(StandardCharsets.UTF_8))
                .toString());
    assertThat(get("/assistants/" + id, reader).text("graph_id")).isEqualTo("chat.turn");
    JsonNode schemas = get("/assistants/" + id + "/schemas", reader).body();
    assertThat(schemas.path("input_schema").path("properties").has("text")).isTrue();
    assertThat(get("/info", reader).status()).isEqualTo(200);

    TestServer.Response missing = get("/assistants/nope.nothing", reader);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.text("detail")).contains("nope.nothing");
    TestServer.Response anonymous = get("/assistants/" + id, null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.body().has("detail")).isTrue();
    String other = server.newKey(Role.READ, "other");
    assertThat(get("/assistants/" + id, other).status()).isEqualTo(403);
  }

  @Test
  void waitsForRunsAndKeepsAConversationOnOneThread() {
    TestServer.Response opened = post("/threads", "{}", invoker);
    String thread = opened.text("thread_id");
    assertThat(opened.text("status")).isEqualTo("idle");

    JsonNode first =
        post("/threads/" + thread + "/runs/wait", run("hello", "reject"), invoker).body();
    assertThat(first.path("text").asString()).isEqualTo("done:hello");
    JsonNode second =
        post("/threads/" + thread + "/runs/wait", run("again", "reject"), invoker).body();
    assertThat(second.path("text").asString()).isEqualTo("done:again");

    JsonNode view = get("/threads/" + thread, reader).body();
    assertThat(view.path("status").asString()).isEqualTo("idle");
    assertThat(view.path("values").path("text").asString()).isEqualTo("done:again");
    assertThat(view.path("metadata").path("graph_id").asString()).isEqualTo("chat.turn");
    JsonNode runs = get("/threads/" + thread + "/runs", reader).body();
    assertThat(runs).hasSize(2);
    assertThat(runs.get(0).path("status").asString()).isEqualTo("success");
    JsonNode search =
        post(
                "/threads/search",
                "{\"metadata\": {\"graph_id\": \"chat.turn\"}, \"limit\": 1000}",
                reader)
            .body();
    List<String> ids = new ArrayList<>();
    search.forEach(t -> ids.add(t.path("thread_id").asString()));
    assertThat(ids).contains(thread);

    JsonNode stateless =
        post(
                "/runs/wait",
                "{\"assistant_id\": \"chat.turn\", \"input\": {\"text\": \"once\"}}",
                invoker)
            .body();
    assertThat(stateless.path("text").asString()).isEqualTo("done:once");
  }

  /** The rule every door shares for keys limited to agents (Authenticator.authorizeInvoke). */
  @Test
  void agentLimitedKeysFollowTheRuleEveryDoorShares() {
    String client = server.newKey(Role.CLIENT, "default", java.util.Set.of("elsewhere"));
    String worker = server.newKey(Role.WORKER, "default", java.util.Set.of("elsewhere"));
    String stateless = "{\"assistant_id\": \"chat.turn\", \"input\": {\"text\": \"lim\"}}";
    assertThat(post("/runs/wait", stateless, client).status())
        .as("a client key limited to other agents")
        .isEqualTo(403);
    assertThat(get("/assistants/chat.turn", client).status()).isEqualTo(403);
    TestServer.Response byWorker = post("/runs/wait", stateless, worker);
    assertThat(byWorker.status()).as("a worker key calls other agents by design").isEqualTo(200);
    assertThat(byWorker.body().path("text").asString()).isEqualTo("done:lim");
  }

  @Test
  void aFailingRunEndsInErrorAndMarksTheThread() {
    TestServer.Response r = post("/threads", "{\"graph_id\": \"tester.failing\"}", invoker);
    String thread = r.text("thread_id");
    JsonNode out =
        post(
                "/threads/" + thread + "/runs/wait",
                "{\"assistant_id\": \"tester.failing\", \"input\": {\"text\": \"x\"}}",
                invoker)
            .body();
    assertThat(out.path("__error__").path("message").asString()).contains("boom x");
    assertThat(get("/threads/" + thread, reader).text("status")).isEqualTo("error");
  }

  @Test
  void badInputGetsADetailAndChangesNothing() {
    String thread = UUID.randomUUID().toString();
    TestServer.Response notObject =
        post(
            "/threads/" + thread + "/runs/wait",
            "{\"assistant_id\": \"chat.turn\", \"input\": 5}",
            invoker);
    assertThat(notObject.status()).isEqualTo(400);
    assertThat(notObject.text("detail")).contains("input");
    TestServer.Response schema =
        post(
            "/threads/" + thread + "/runs/wait",
            "{\"assistant_id\": \"chat.turn\", \"input\": {\"text\": 5},"
                + " \"if_not_exists\": \"create\"}",
            invoker);
    assertThat(schema.status()).isEqualTo(422);
    // The platform's default: a run on a thread that does not exist is refused, not a new thread.
    TestServer.Response absent =
        post("/threads/" + thread + "/runs/wait", run("hi", "enqueue"), invoker);
    assertThat(absent.status()).isEqualTo(404);
    assertThat(absent.text("detail")).contains("if_not_exists");
    assertThat(schema.body().has("detail")).isTrue();
    TestServer.Response unknown =
        post(
            "/threads/" + thread + "/runs",
            "{\"assistant_id\": \"chat.turn\", \"input\": {\"text\": \"a\"}, \"checkpoint_id\": \"x\"}",
            invoker);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.text("detail")).contains("checkpoint_id");
    TestServer.Response strategy =
        post("/threads/" + thread + "/runs", run("hi", "sometimes"), invoker);
    assertThat(strategy.status()).isEqualTo(400);
    TestServer.Response mode =
        post(
            "/threads/" + thread + "/runs/stream",
            "{\"assistant_id\": \"chat.turn\", \"input\": {\"text\": \"a\"}, \"stream_mode\": \"debug\"}",
            invoker);
    assertThat(mode.status()).isEqualTo(400);
    assertThat(mode.text("detail")).contains("debug");
    assertThat(post("/threads/" + thread + "/runs", run("hi", "reject"), reader).status())
        .isEqualTo(403);
    TestServer.Response badId = post("/threads", "{\"thread_id\": \"not a name!\"}", invoker);
    assertThat(badId.status()).isEqualTo(400);
    assertThat(badId.text("detail")).contains("thread_id");
    // None of them opened the thread.
    assertThat(get("/threads/" + thread, reader).status()).isEqualTo(404);
  }

  @Test
  void anInterruptIsAnsweredByCommandResume() {
    String thread = newThread();
    JsonNode paused =
        post("/threads/" + thread + "/runs/wait", run("approve:prod", "reject"), invoker).body();
    assertThat(paused.path("__interrupt__").get(0).path("value").path("question").asString())
        .isEqualTo("deploy prod?");
    assertThat(get("/threads/" + thread, reader).text("status")).isEqualTo("interrupted");
    JsonNode state = get("/threads/" + thread + "/state", reader).body();
    assertThat(state.path("next").get(0).asString()).isEqualTo("chat.turn");

    TestServer.Response plain =
        post("/threads/" + thread + "/runs", run("other", "enqueue"), invoker);
    assertThat(plain.status()).isEqualTo(409);
    assertThat(plain.text("detail")).contains("command.resume");

    JsonNode answered =
        post(
                "/threads/" + thread + "/runs/wait",
                "{\"assistant_id\": \"chat.turn\", \"command\": {\"resume\": \"yes\"}}",
                invoker)
            .body();
    assertThat(answered.path("text").asString()).isEqualTo("decision:yes");
    TestServer.Response again =
        post(
            "/threads/" + thread + "/runs/wait",
            "{\"assistant_id\": \"chat.turn\", \"command\": {\"resume\": \"no\"}}",
            invoker);
    assertThat(again.status()).isEqualTo(409);
  }

  @Test
  void cancelStopsARunningRun() {
    String thread = newThread();
    String run =
        post("/threads/" + thread + "/runs", run("sleep:30000", "reject"), invoker).text("run_id");
    awaitRun(thread, run, "running");
    TestServer.Response cancelled =
        post("/threads/" + thread + "/runs/" + run + "/cancel", null, invoker);
    assertThat(cancelled.status()).isEqualTo(202);
    assertThat(awaitRun(thread, run, "interrupted").path("run_id").asString()).isEqualTo(run);
    JsonNode joined = get("/threads/" + thread + "/runs/" + run + "/join", reader).body();
    assertThat(joined.path("__error__").path("error").asString()).isEqualTo("cancelled");
    assertThat(post("/threads/" + thread + "/runs/" + run + "/cancel", null, invoker).status())
        .isEqualTo(409);
  }

  @Test
  void multitaskStrategiesMapToInputStrategies() {
    String thread = newThread();
    String busy =
        post("/threads/" + thread + "/runs", run("sleep:1500", "reject"), invoker).text("run_id");
    awaitRun(thread, busy, "running");
    TestServer.Response rejected =
        post("/threads/" + thread + "/runs", run("no", "reject"), invoker);
    assertThat(rejected.status()).isEqualTo(409);
    assertThat(rejected.body().has("detail")).isTrue();
    TestServer.Response queued =
        post("/threads/" + thread + "/runs", run("later", "enqueue"), invoker);
    assertThat(queued.text("status")).isEqualTo("pending");
    JsonNode later =
        get("/threads/" + thread + "/runs/" + queued.text("run_id") + "/join", reader).body();
    assertThat(later.path("text").asString()).isEqualTo("done:later");
    assertThat(get("/threads/" + thread + "/runs/" + busy, reader).text("status"))
        .isEqualTo("success");

    for (String strategy : List.of("interrupt", "rollback")) {
      String slow =
          post("/threads/" + thread + "/runs", run("sleep:30000", "reject"), invoker)
              .text("run_id");
      awaitRun(thread, slow, "running");
      JsonNode next =
          post("/threads/" + thread + "/runs/wait", run(strategy, strategy), invoker).body();
      assertThat(next.path("text").asString()).isEqualTo("done:" + strategy);
      assertThat(get("/threads/" + thread + "/runs/" + slow, reader).text("status"))
          .isEqualTo("interrupted");
    }
  }

  @Test
  void streamsARunAndResumesAfterTheLastEventId() throws Exception {
    String thread = newThread();
    List<String[]> events = streamRun(thread, "tokens:3", "[\"values\", \"updates\", \"custom\"]");
    assertThat(events.get(0)[0]).isEqualTo("metadata");
    String run = TestServer.JSON.readTree(events.get(0)[2]).path("run_id").asString();
    List<String[]> custom = events.stream().filter(e -> e[0].equals("custom")).toList();
    assertThat(custom).extracting(e -> e[2]).containsExactly("\"tok0\"", "\"tok1\"", "\"tok2\"");
    String[] updates =
        events.stream().filter(e -> e[0].equals("updates")).findFirst().orElseThrow();
    assertThat(updates[2]).contains("\"chat.turn\"").contains("done:tokens:3");
    String[] last = events.get(events.size() - 1);
    assertThat(last[0]).isEqualTo("values");
    assertThat(TestServer.JSON.readTree(last[2]).path("text").asString())
        .isEqualTo("done:tokens:3");

    List<String[]> resumed =
        stream(
            "GET",
            "/threads/" + thread + "/runs/" + run + "/stream?stream_mode=custom&stream_mode=values",
            null,
            Map.of("Last-Event-ID", custom.get(1)[1]));
    assertThat(resumed.stream().filter(e -> e[0].equals("custom")).map(e -> e[2]))
        .containsExactly("\"tok2\"");
    assertThat(resumed.get(resumed.size() - 1)[0]).isEqualTo("values");
  }

  @Test
  void aRunSentWhileAnotherIsActiveIsQueuedByDefault() {
    String thread = newThread();
    String busy =
        post("/threads/" + thread + "/runs", run("sleep:1500", "reject"), invoker).text("run_id");
    awaitRun(thread, busy, "running");
    TestServer.Response queued =
        post(
            "/threads/" + thread + "/runs",
            "{\"assistant_id\": \"chat.turn\", \"input\": {\"text\": \"next\"}}",
            invoker);
    assertThat(queued.status()).isEqualTo(200);
    assertThat(queued.text("status")).isEqualTo("pending");
    assertThat(queued.text("multitask_strategy")).isEqualTo("enqueue");
    JsonNode next =
        get("/threads/" + thread + "/runs/" + queued.text("run_id") + "/join", reader).body();
    assertThat(next.path("text").asString()).isEqualTo("done:next");
    assertThat(get("/threads/" + thread + "/runs/" + busy, reader).text("status"))
        .isEqualTo("success");
  }

  @Test
  void theRootPathsServeTheDefaultNamespace() throws Exception {
    assertThat(server.send("GET", "/info", null, reader).status()).isEqualTo(200);
    JsonNode found = server.send("POST", "/assistants/search", "{\"limit\": 100}", reader).body();
    assertThat(graphs(found)).contains("chat.turn");
    JsonNode once =
        server
            .send(
                "POST",
                "/runs/wait",
                "{\"assistant_id\": \"chat.turn\", \"input\": {\"text\": \"root\"}}",
                invoker)
            .body();
    assertThat(once.path("text").asString()).isEqualTo("done:root");
    String thread =
        server.send("POST", "/threads", "{\"graph_id\": \"chat.turn\"}", invoker).text("thread_id");
    HttpResponse<String> wait =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(server.url() + "/threads/" + thread + "/runs/wait"))
                .header("Authorization", "Bearer " + invoker)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(run("hi", "enqueue")))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(wait.statusCode()).isEqualTo(200);
    assertThat(wait.body()).contains("done:hi");
    // Relative to the mount: the same path answers under /langgraph/default and at the root.
    String location = wait.headers().firstValue("Content-Location").orElseThrow();
    assertThat(location).startsWith("/threads/" + thread + "/runs/");
    assertThat(server.send("GET", location, null, reader).text("status")).isEqualTo("success");
    assertThat(get(location, reader).text("status")).isEqualTo("success");
    // The same thread under both mounts.
    assertThat(get("/threads/" + thread, reader).text("thread_id")).isEqualTo(thread);
    // Errors at the root take the platform's shape; keys and namespaces are checked the same.
    TestServer.Response missing = server.send("GET", "/assistants/nope.nothing", null, reader);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.text("detail")).contains("nope.nothing");
    assertThat(server.send("GET", "/threads/" + thread, null, null).status()).isEqualTo(401);
    String other = server.newKey(Role.READ, "other");
    assertThat(server.send("GET", "/threads/" + thread, null, other).status()).isEqualTo(403);
    // The dashboard still owns "/".
    HttpResponse<String> root =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(server.url() + "/")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(root.statusCode()).isBetween(300, 399);
  }

  @Test
  void messagesModesStreamTheOutputAsAnAiMessage() throws Exception {
    String thread = newThread();
    List<String[]> tuples = streamRun(thread, "tokens:2", "[\"messages-tuple\"]");
    List<JsonNode> chunks = new ArrayList<>();
    for (String[] e : tuples) {
      if (e[0].equals("messages")) {
        chunks.add(TestServer.JSON.readTree(e[2]));
      }
    }
    assertThat(chunks).hasSize(2);
    assertThat(chunks.get(0).get(0).path("type").asString()).isEqualTo("AIMessageChunk");
    assertThat(chunks.get(0).get(0).path("content").asString()).isEqualTo("tok0");
    assertThat(chunks.get(1).get(0).path("content").asString()).isEqualTo("tok1");
    assertThat(chunks.get(0).get(0).path("id")).isEqualTo(chunks.get(1).get(0).path("id"));
    assertThat(chunks.get(0).get(1).path("langgraph_node").asString()).isEqualTo("chat.turn");

    List<String[]> whole = streamRun(thread, "tokens:2", "\"messages\"");
    List<String> names = whole.stream().map(e -> e[0]).toList();
    assertThat(names)
        .containsExactly(
            "metadata",
            "messages/metadata",
            "messages/partial",
            "messages/partial",
            "messages/complete");
    assertThat(TestServer.JSON.readTree(whole.get(3)[2]).get(0).path("content").asString())
        .isEqualTo("tok0tok1");
    assertThat(TestServer.JSON.readTree(whole.get(4)[2]).get(0).path("type").asString())
        .isEqualTo("ai");

    // A run that streams nothing says its result's text as one whole message.
    List<String[]> said = streamRun(thread, "hi", "[\"messages-tuple\", \"values\"]");
    String[] message = said.stream().filter(e -> e[0].equals("messages")).findFirst().orElseThrow();
    JsonNode m = TestServer.JSON.readTree(message[2]).get(0);
    assertThat(m.path("type").asString()).isEqualTo("ai");
    assertThat(m.path("content").asString()).isEqualTo("done:hi");
  }

  @Test
  void stateUpdatesAreSessionStateRevisionsAndHistoryListsThem() {
    String thread = newThread();
    JsonNode first = get("/threads/" + thread + "/state", reader).body();
    String current = first.path("checkpoint").path("checkpoint_id").asString();
    assertThat(current).startsWith("revision-");

    TestServer.Response written =
        post(
            "/threads/" + thread + "/state",
            "{\"values\": {\"note\": \"one\"}, \"checkpoint_id\": \"" + current + "\"}",
            invoker);
    assertThat(written.status()).isEqualTo(200);
    String next = written.body().path("checkpoint").path("checkpoint_id").asString();
    assertThat(next).isNotEqualTo(current);
    // The function's next run reads the state written.
    JsonNode ran =
        post("/threads/" + thread + "/runs/wait", run("state", "enqueue"), invoker).body();
    assertThat(ran.path("text").asString()).contains("one");

    // A write against a checkpoint that is no longer current is a conflict and writes nothing.
    TestServer.Response stale =
        post(
            "/threads/" + thread + "/state",
            "{\"values\": {\"note\": \"two\"}, \"checkpoint\": {\"checkpoint_id\": \""
                + current
                + "\"}}",
            invoker);
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.body().has("detail")).isTrue();
    TestServer.Response badId =
        post(
            "/threads/" + thread + "/state", "{\"values\": {}, \"checkpoint_id\": \"x\"}", invoker);
    assertThat(badId.status()).isEqualTo(400);
    TestServer.Response noValues = post("/threads/" + thread + "/state", "{}", invoker);
    assertThat(noValues.status()).isEqualTo(400);
    TestServer.Response node =
        post("/threads/" + thread + "/state", "{\"values\": {}, \"as_node\": \"other\"}", invoker);
    assertThat(node.status()).isEqualTo(400);
    assertThat(post("/threads/" + thread + "/state", "{\"values\": {}}", reader).status())
        .isEqualTo(403);

    JsonNode history = post("/threads/" + thread + "/history", "{\"limit\": 10}", reader).body();
    assertThat(history.get(0).path("checkpoint").path("checkpoint_id").asString()).isEqualTo(next);
    assertThat(history.get(0).path("values").path("note").asString()).isEqualTo("one");
    assertThat(history.get(0).path("metadata").path("source").asString()).isEqualTo("update");
    assertThat(history.get(history.size() - 1).path("parent_checkpoint").isNull()).isTrue();
    JsonNode older =
        post(
                "/threads/" + thread + "/history",
                "{\"limit\": 10, \"before\": {\"configurable\": {\"checkpoint_id\": \""
                    + next
                    + "\"}}}",
                reader)
            .body();
    assertThat(older.get(0).path("checkpoint").path("checkpoint_id").asString()).isEqualTo(current);
    assertThat(get("/threads/" + thread + "/history?limit=1", reader).body()).hasSize(1);
    JsonNode at = get("/threads/" + thread + "/state/" + next, reader).body();
    assertThat(at.path("values").path("note").asString()).isEqualTo("one");
    assertThat(get("/threads/" + thread + "/state/revision-999", reader).status()).isEqualTo(404);
    assertThat(get("/threads/" + thread + "/state/nope", reader).status()).isEqualTo(400);
  }

  @Test
  void assistantsAreNotCreatedChangedOrDeleted() {
    TestServer.Response created =
        post("/assistants", "{\"graph_id\": \"chat.turn\", \"config\": {}}", invoker);
    assertThat(created.status()).isEqualTo(405);
    assertThat(created.text("detail")).contains("registered");
    String id =
        post("/assistants/search", "{\"graph_id\": \"chat.turn\"}", reader)
            .body()
            .get(0)
            .path("assistant_id")
            .asString();
    assertThat(
            server.send("PATCH", BASE + "/assistants/" + id, "{\"name\": \"x\"}", invoker).status())
        .isEqualTo(405);
    assertThat(server.send("DELETE", BASE + "/assistants/" + id, null, invoker).status())
        .isEqualTo(405);
    assertThat(get("/assistants/" + id, reader).text("graph_id")).isEqualTo("chat.turn");
    assertThat(post("/assistants", "{}", null).status()).isEqualTo(401);
  }

  @Test
  void aThreadMadeWithoutAnAssistantIsStoredAndItsFirstRunOpensIt() {
    TestServer.Response made = post("/threads", "{\"metadata\": {\"owner\": \"ann\"}}", invoker);
    assertThat(made.status()).isEqualTo(200);
    String thread = made.text("thread_id");
    assertThat(made.body().path("metadata").path("owner").asString()).isEqualTo("ann");
    JsonNode view = get("/threads/" + thread, reader).body();
    assertThat(view.path("status").asString()).isEqualTo("idle");
    assertThat(get("/threads/" + thread + "/state", reader).body().path("values")).isEmpty();
    assertThat(get("/threads/" + thread + "/runs", reader).body()).isEmpty();
    assertThat(post("/threads/" + thread + "/history", "{}", reader).body()).isEmpty();
    JsonNode search =
        post("/threads/search", "{\"metadata\": {\"owner\": \"ann\"}, \"limit\": 100}", reader)
            .body();
    assertThat(search.toString()).contains(thread);
    assertThat(post("/threads", "{\"thread_id\": \"" + thread + "\"}", invoker).status())
        .isEqualTo(409);
    assertThat(
            post(
                    "/threads",
                    "{\"thread_id\": \"" + thread + "\", \"if_exists\": \"do_nothing\"}",
                    invoker)
                .text("thread_id"))
        .isEqualTo(thread);

    // A bad first run leaves it as it was.
    TestServer.Response bad =
        post(
            "/threads/" + thread + "/runs/wait",
            "{\"assistant_id\": \"chat.turn\", \"input\": {\"text\": 5}}",
            invoker);
    assertThat(bad.status()).isEqualTo(422);
    assertThat(get("/threads/" + thread, reader).body().path("metadata").has("graph_id")).isFalse();

    JsonNode out =
        post("/threads/" + thread + "/runs/wait", run("first", "enqueue"), invoker).body();
    assertThat(out.path("text").asString()).isEqualTo("done:first");
    JsonNode opened = get("/threads/" + thread, reader).body();
    assertThat(opened.path("metadata").path("owner").asString()).isEqualTo("ann");
    assertThat(opened.path("metadata").path("graph_id").asString()).isEqualTo("chat.turn");
    JsonNode again =
        post("/threads/search", "{\"metadata\": {\"owner\": \"ann\"}, \"limit\": 100}", reader)
            .body();
    assertThat(again.toString().split(thread, -1)).hasSize(2); // listed once, as a session now

    String gone = post("/threads", "{}", invoker).text("thread_id");
    assertThat(server.send("DELETE", BASE + "/threads/" + gone, null, invoker).status())
        .isEqualTo(204);
    assertThat(get("/threads/" + gone, reader).status()).isEqualTo(404);
  }

  @Test
  void aThreadMadeWithoutAnAssistantSurvivesARestart(@TempDir Path own) {
    ServerConfig config =
        ServerConfig.defaults()
            .withPort(0)
            .withDb("sqlite:" + own.resolve("restart.db"))
            .withRequireAuth(true);
    String key;
    String thread;
    try (TestServer first = TestServer.start(config)) {
      key = first.newKey(Role.CLIENT, "default");
      thread =
          first
              .send("POST", "/threads", "{\"metadata\": {\"owner\": \"bob\"}}", key)
              .text("thread_id");
    }
    try (TestServer second = TestServer.start(config)) {
      TestServer.Response found = second.send("GET", "/threads/" + thread, null, key);
      assertThat(found.status()).isEqualTo(200);
      assertThat(found.body().path("metadata").path("owner").asString()).isEqualTo("bob");
      JsonNode search = second.send("POST", "/threads/search", "{}", key).body();
      assertThat(search.toString()).contains(thread);
    }
  }

  /** The SSE events of a run of {@code chat.turn} on {@code thread} streamed in {@code modes}. */
  private static List<String[]> streamRun(String thread, String text, String modes)
      throws Exception {
    return stream(
        "POST",
        "/threads/" + thread + "/runs/stream",
        "{\"assistant_id\": \"chat.turn\", \"input\": {\"text\": \""
            + text
            + "\"}, \"stream_mode\": "
            + modes
            + "}",
        Map.of());
  }

  /** The SSE events of a stream: {name, id, data}. */
  private static List<String[]> stream(
      String method, String path, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(server.url() + BASE + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + invoker)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(req::header);
    HttpResponse<java.io.InputStream> resp =
        HTTP.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(resp.statusCode()).isEqualTo(200);
    List<String[]> events = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(resp.body(), StandardCharsets.UTF_8))) {
      String name = null;
      String id = "";
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("data: ")) {
          events.add(new String[] {name, id, line.substring(6)});
          id = "";
        }
      }
    }
    return events;
  }
}
