package dev.agentdispatch.server.doors.a2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.core.auth.ApiKey;
import dev.agentdispatch.core.auth.Role;
import dev.agentdispatch.sdk.worker.Worker;
import dev.agentdispatch.server.ServerConfig;
import dev.agentdispatch.server.SessionAgent;
import dev.agentdispatch.server.TestAgent;
import dev.agentdispatch.server.TestServer;
import io.a2a.client.http.A2ACardResolver;
import io.a2a.client.http.JdkA2AHttpClient;
import io.a2a.client.transport.jsonrpc.JSONRPCTransport;
import io.a2a.client.transport.spi.interceptors.ClientCallContext;
import io.a2a.jsonrpc.common.wrappers.ListTasksResult;
import io.a2a.spec.A2AClientException;
import io.a2a.spec.AgentCard;
import io.a2a.spec.AgentSkill;
import io.a2a.spec.DataPart;
import io.a2a.spec.InvalidParamsError;
import io.a2a.spec.ListTasksParams;
import io.a2a.spec.Message;
import io.a2a.spec.MessageSendConfiguration;
import io.a2a.spec.MessageSendParams;
import io.a2a.spec.Part;
import io.a2a.spec.PushNotificationConfig;
import io.a2a.spec.PushNotificationNotSupportedError;
import io.a2a.spec.StreamingEventKind;
import io.a2a.spec.Task;
import io.a2a.spec.TaskArtifactUpdateEvent;
import io.a2a.spec.TaskIdParams;
import io.a2a.spec.TaskNotCancelableError;
import io.a2a.spec.TaskNotFoundError;
import io.a2a.spec.TaskQueryParams;
import io.a2a.spec.TaskState;
import io.a2a.spec.TaskStatusUpdateEvent;
import io.a2a.spec.TextPart;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The A2A door against a real server with keys required and real SDK workers ({@code chat} with one
 * conversational skill, {@code tester} with several). A2A 1.0 is driven by the official A2A Java
 * SDK's client (1.0.0.Alpha3: JSON-RPC transport and card resolver); 0.3 by raw JSON-RPC over
 * java.net.http, since two versions of one SDK cannot share a classpath.
 */
class A2aDoorTest {
  private static final String CHAT = "/a2a/default/" + SessionAgent.NAME;
  private static final String TESTER = "/a2a/default/" + TestAgent.NAME;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  static TestServer server;
  static Worker chatWorker;
  static Worker testerWorker;
  static String invoker;
  static String reader;
  static JSONRPCTransport chat;
  static JSONRPCTransport tester;
  static ClientCallContext auth;

  @BeforeAll
  static void start() throws Exception {
    server =
        TestServer.start(
            ServerConfig.defaults()
                .withPort(0)
                .withDb("sqlite:" + dir.resolve("a2a.db"))
                .withRequireAuth(true)
                .withSweepInterval(Duration.ofMillis(100)));
    String worker = server.newKey(Role.WORKER, "default");
    invoker = server.newKey(Role.CLIENT, "default");
    reader = server.newKey(Role.READ, "default");
    chatWorker = worker(worker, SessionAgent.NAME, new SessionAgent());
    testerWorker = worker(worker, TestAgent.NAME, new TestAgent());
    auth = new ClientCallContext(Map.of(), Map.of("Authorization", "Bearer " + invoker));
    chat = new JSONRPCTransport(card(CHAT, invoker));
    tester = new JSONRPCTransport(card(TESTER, invoker));
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

  /** The 1.0 card, fetched by the SDK's resolver (it sends the version header we ask for). */
  private static AgentCard card(String path, String key) throws Exception {
    return new A2ACardResolver(
            new JdkA2AHttpClient(),
            server.url(),
            null,
            path + "/.well-known/agent-card.json",
            Map.of("Authorization", "Bearer " + key, "A2A-Version", "1.0"))
        .getAgentCard();
  }

  @AfterAll
  static void stop() {
    chatWorker.stop();
    testerWorker.stop();
    server.close();
  }

  private static Message text(String text, String contextId, String taskId) {
    return message(UUID.randomUUID().toString(), text, contextId, taskId);
  }

  private static MessageSendParams blocking(Message m, Map<String, Object> metadata) {
    return MessageSendParams.builder()
        .message(m)
        .configuration(MessageSendConfiguration.builder().blocking(true).build())
        .metadata(metadata)
        .build();
  }

  private static Task send(JSONRPCTransport agent, Message m, Map<String, Object> metadata)
      throws A2AClientException {
    return (Task) agent.sendMessage(blocking(m, metadata), auth);
  }

  private static Object data(Part<?> part) {
    assertThat(part).isInstanceOf(DataPart.class);
    return ((DataPart) part).data();
  }

  @Test
  void theCardsDescribeTheAgentInEitherVersionChosenByTheHeader() throws Exception {
    AgentCard v1 = card(TESTER, reader);
    assertThat(v1.name()).isEqualTo(TestAgent.NAME);
    assertThat(v1.supportedInterfaces())
        .singleElement()
        .satisfies(i -> {
          assertThat(i.url()).isEqualTo(server.url() + TESTER);
          assertThat(i.protocolBinding()).isEqualTo("JSONRPC");
          assertThat(i.protocolVersion()).isEqualTo("1.0");
        });
    assertThat(v1.skills())
        .extracting(AgentSkill::id)
        .contains("echo", "failing", "invalid", "slow");
    assertThat(v1.capabilities().streaming()).isTrue();

    HttpResponse<String> v03 = get(CHAT + "/.well-known/agent-card.json", reader, Map.of());
    assertThat(v03.statusCode()).isEqualTo(200);
    assertThat(v03.headers().firstValue("Vary")).hasValue("A2A-Version");
    JsonNode card = TestServer.JSON.readTree(v03.body());
    assertThat(card.path("protocolVersion").asString()).isEqualTo("0.3.0");
    assertThat(card.path("url").asString()).isEqualTo(server.url() + CHAT);
    assertThat(card.path("skills").get(0).path("id").asString()).isEqualTo("turn");
    assertThat(card.path("securitySchemes").path("bearer").path("scheme").asString())
        .isEqualTo("bearer");

    HttpResponse<String> unknown =
        get(CHAT + "/.well-known/agent-card.json", reader, Map.of("A2A-Version", "9.0"));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(TestServer.JSON.readTree(unknown.body()).path("error").path("message").asString())
        .contains("9.0");
    assertThat(
            get("/a2a/default/nobody/.well-known/agent-card.json", reader, Map.of()).statusCode())
        .isEqualTo(404);
  }

  @Test
  void aCallCompletesWithItsResultAsADataArtifactAndAFailureIsAFailedTask() throws Exception {
    Task done = send(tester, text("hi", null, null), Map.of("skillId", "echo"));
    assertThat(done.status().state()).isEqualTo(TaskState.TASK_STATE_COMPLETED);
    assertThat(data(done.artifacts().get(0).parts().get(0))).isEqualTo(Map.of("text", "echo:hi"));
    assertThat(tester.getTask(new TaskQueryParams(done.id()), auth).status().state())
        .isEqualTo(TaskState.TASK_STATE_COMPLETED);

    Task failed = send(tester, text("x", null, null), Map.of("skillId", "invalid"));
    assertThat(failed.status().state()).isEqualTo(TaskState.TASK_STATE_FAILED);
    assertThat(((TextPart) failed.status().message().parts().get(0)).text())
        .contains("bad input x");
  }

  @Test
  void badInputIsAJsonRpcErrorAndChangesNothing() throws Exception {
    long before = server.invocationCount("default");
    int sessions = sessionCount();
    Message wrongType =
        Message.builder()
            .role(Message.Role.ROLE_USER)
            .messageId("m-bad")
            .parts(new DataPart(Map.of("text", 5)))
            .build();
    assertThatThrownBy(() -> send(chat, wrongType, Map.of()))
        .isInstanceOf(A2AClientException.class)
        .cause()
        .isInstanceOf(InvalidParamsError.class)
        .hasMessageContaining("input schema");
    assertThatThrownBy(() -> send(tester, text("hi", null, null), Map.of()))
        .cause()
        .isInstanceOf(InvalidParamsError.class)
        .hasMessageContaining("metadata.skillId");
    assertThatThrownBy(() -> send(tester, text("hi", null, null), Map.of("skillId", "nope")))
        .cause()
        .isInstanceOf(InvalidParamsError.class);
    assertThatThrownBy(() -> chat.getTask(new TaskQueryParams("no-such-task"), auth))
        .cause()
        .isInstanceOf(TaskNotFoundError.class);
    assertThat(server.invocationCount("default")).isEqualTo(before);
    assertThat(sessionCount()).isEqualTo(sessions);

    JsonNode parse = rpc(CHAT, "{not json", invoker).path("error");
    assertThat(parse.path("code").asInt()).isEqualTo(-32700);
    JsonNode method = rpc(CHAT, call("tasks/nope", "{}"), invoker).path("error");
    assertThat(method.path("code").asInt()).isEqualTo(-32601);
    JsonNode noParts =
        rpc(CHAT, call("message/send", "{\"message\":{\"role\":\"user\",\"parts\":[]}}"), invoker)
            .path("error");
    assertThat(noParts.path("code").asInt()).isEqualTo(-32602);
    JsonNode file =
        rpc(
                CHAT,
                call(
                    "message/send",
                    "{\"message\":{\"role\":\"user\",\"messageId\":\"f\",\"parts\":[{\"kind\":"
                        + "\"file\",\"file\":{\"uri\":\"http://x/y\"}}]}}"),
                invoker)
            .path("error");
    assertThat(file.path("code").asInt()).isEqualTo(-32005);
    assertThat(server.invocationCount("default")).isEqualTo(before);
    assertThat(sessionCount()).isEqualTo(sessions);
  }

  private static int sessionCount() {
    return server
        .send("GET", "/v1/namespaces/default/sessions?limit=1000", null, invoker)
        .body()
        .path("items")
        .size();
  }

  @Test
  void aConversationWaitsForInputAndTheNextMessageInTheContextAnswersIt() throws Exception {
    Task waiting = send(chat, text("approve:v2", null, null), Map.of());
    assertThat(waiting.status().state()).isEqualTo(TaskState.TASK_STATE_INPUT_REQUIRED);
    assertThat(data(waiting.status().message().parts().get(0)))
        .isEqualTo(Map.of("question", "deploy v2?"));
    String context = waiting.contextId();

    Task answered = send(chat, text("yes", context, waiting.id()), Map.of());
    assertThat(answered.id()).isEqualTo(waiting.id());
    assertThat(answered.status().state()).isEqualTo(TaskState.TASK_STATE_COMPLETED);
    assertThat(data(answered.artifacts().get(0).parts().get(0)))
        .isEqualTo(Map.of("text", "decision:yes"));

    Task next = send(chat, text("again", context, null), Map.of());
    assertThat(next.contextId()).isEqualTo(context);
    assertThat(next.id()).isNotEqualTo(waiting.id());
    assertThat(data(next.artifacts().get(0).parts().get(0)))
        .isEqualTo(Map.of("text", "done:again"));

    assertThatThrownBy(() -> send(chat, text("late", context, waiting.id()), Map.of()))
        .cause()
        .isInstanceOf(InvalidParamsError.class)
        .hasMessageContaining("completed");
    ListTasksResult tasks =
        chat.listTasks(ListTasksParams.builder().contextId(context).build(), auth);
    assertThat(tasks.tasks()).extracting(Task::id).containsExactly(next.id(), waiting.id());
  }

  @Test
  void aStreamSendsTheTaskItsStatusChangesAndItsResult() throws Exception {
    List<StreamingEventKind> events = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> ended = new CompletableFuture<>();
    chat.sendMessageStreaming(
        MessageSendParams.builder().message(text("sleep:300", null, null)).build(),
        e -> {
          events.add(e);
          // The SDK closes the stream itself once a final state arrives (and then reports the
          // closed request as an error), so the test ends at that event.
          if (e instanceof TaskStatusUpdateEvent s && s.status().state().isFinal()) {
            ended.complete(null);
          }
        },
        e -> {
          if (e == null) {
            ended.complete(null);
          } else {
            ended.completeExceptionally(e);
          }
        },
        auth);
    ended.get(30, TimeUnit.SECONDS);
    assertThat(events.get(0)).isInstanceOf(Task.class);
    List<TaskState> states = new ArrayList<>();
    for (StreamingEventKind e : events) {
      if (e instanceof TaskStatusUpdateEvent s) {
        states.add(s.status().state());
      }
    }
    assertThat(states)
        .containsSubsequence(TaskState.TASK_STATE_WORKING, TaskState.TASK_STATE_COMPLETED)
        .endsWith(TaskState.TASK_STATE_COMPLETED);
    assertThat(events)
        .filteredOn(e -> e instanceof TaskArtifactUpdateEvent)
        .singleElement()
        .satisfies(e ->
            assertThat(data(((TaskArtifactUpdateEvent) e).artifact().parts().get(0)))
                .isEqualTo(Map.of("text", "done:sleep:300")));
  }

  @Test
  void aRunningTaskIsCanceledAndAnEndedOneIsNotCancelable() throws Exception {
    Task started =
        (Task)
            tester.sendMessage(
                MessageSendParams.builder()
                    .message(text("long", null, null))
                    .configuration(MessageSendConfiguration.builder().blocking(false).build())
                    .metadata(Map.of("skillId", "slow"))
                    .build(),
                auth);
    assertThat(started.status().state())
        .isIn(TaskState.TASK_STATE_SUBMITTED, TaskState.TASK_STATE_WORKING);
    Task canceled = tester.cancelTask(new TaskIdParams(started.id()), auth);
    assertThat(canceled.status().state()).isEqualTo(TaskState.TASK_STATE_CANCELED);
    assertThatThrownBy(() -> tester.cancelTask(new TaskIdParams(started.id()), auth))
        .cause()
        .isInstanceOf(TaskNotCancelableError.class);
  }

  @Test
  void theDoorTakesTheSameKeysAndNamespacesAsV1() throws Exception {
    String body = call("message/send", "{}");
    assertThat(post(CHAT, body, null, Map.of()).statusCode()).isEqualTo(401);
    assertThat(get(CHAT + "/.well-known/agent-card.json", null, Map.of()).statusCode())
        .isEqualTo(401);
    String other = server.newKey(Role.ADMIN, "other");
    assertThat(post(CHAT, body, other, Map.of()).statusCode()).isEqualTo(403);
    HttpResponse<String> readOnly =
        post(CHAT, call("message/send", sendParams("hi", "")), reader, Map.of());
    assertThat(readOnly.statusCode()).isEqualTo(403);
    assertThat(TestServer.JSON.readTree(readOnly.body()).path("jsonrpc").asString())
        .isEqualTo("2.0");
    String scoped = server.newKey(Role.CLIENT, ApiKey.ALL_NAMESPACES, java.util.Set.of("tester"));
    assertThat(
            post(CHAT, call("message/send", sendParams("hi", "")), scoped, Map.of()).statusCode())
        .isEqualTo(403);
    assertThat(
            rpc(CHAT, call("message/send", "{}"), invoker, Map.of("A2A-Version", "7"))
                .path("error")
                .path("code")
                .asInt())
        .isEqualTo(-32009);
  }

  /** Issue 14: messageId is the idempotency key of a send, in its context. */
  @Test
  void aRetriedSendRunsOnceAndAMessageIdReusedForOtherContentIsRefused() throws Exception {
    long before = server.invocationCount("default");
    Message first = message("retry-1", "once", null, null);
    Task task = send(chat, first, Map.of());
    Task retried = send(chat, first, Map.of());
    assertThat(retried.id()).isEqualTo(task.id());
    assertThat(retried.contextId()).isEqualTo(task.contextId());
    assertThat(retried.status().state()).isEqualTo(TaskState.TASK_STATE_COMPLETED);
    assertThat(server.invocationCount("default")).isEqualTo(before + 1);
    assertThatThrownBy(() -> send(chat, message("retry-1", "other", null, null), Map.of()))
        .cause()
        .isInstanceOf(InvalidParamsError.class)
        .hasMessageContaining("messageId 'retry-1' was already sent");

    String context = task.contextId();
    Message next = message("retry-2", "again", context, null);
    Task second = send(chat, next, Map.of());
    assertThat(send(chat, next, Map.of()).id()).isEqualTo(second.id());
    assertThatThrownBy(() -> send(chat, message("retry-2", "changed", context, null), Map.of()))
        .cause()
        .isInstanceOf(InvalidParamsError.class)
        .hasMessageContaining("retry-2");
    assertThat(server.invocationCount("default")).isEqualTo(before + 2);

    // The answer to a task that required input, retried after the task completed.
    Task waiting = send(chat, text("approve:v9", context, null), Map.of());
    Message answer = message("retry-3", "yes", context, waiting.id());
    Task answered = send(chat, answer, Map.of());
    assertThat(answered.status().state()).isEqualTo(TaskState.TASK_STATE_COMPLETED);
    Task again = send(chat, answer, Map.of());
    assertThat(again.id()).isEqualTo(waiting.id());
    assertThat(again.status().state()).isEqualTo(TaskState.TASK_STATE_COMPLETED);
    assertThatThrownBy(() -> send(chat, message("retry-3", "no", context, waiting.id()), Map.of()))
        .cause()
        .isInstanceOf(InvalidParamsError.class)
        .hasMessageContaining("retry-3");
    assertThatThrownBy(() -> send(chat, message("m".repeat(129), "long", null, null), Map.of()))
        .cause()
        .isInstanceOf(InvalidParamsError.class)
        .hasMessageContaining("messageId must be at most 128");
    assertThat(server.invocationCount("default")).isEqualTo(before + 3);
  }

  private static Message message(String messageId, String text, String contextId, String taskId) {
    Message.Builder b =
        Message.builder()
            .role(Message.Role.ROLE_USER)
            .messageId(messageId)
            .parts(new TextPart(text));
    if (contextId != null) {
      b.contextId(contextId);
    }
    if (taskId != null) {
      b.taskId(taskId);
    }
    return b.build();
  }

  /** Issue 14: a send asking for push notifications is refused, not run without them. */
  @Test
  void aSendAskingForPushNotificationsIsRefusedAndRunsNothing() throws Exception {
    long before = server.invocationCount("default");
    MessageSendParams params =
        MessageSendParams.builder()
            .message(text("hi", null, null))
            .configuration(
                MessageSendConfiguration.builder()
                    .blocking(true)
                    .pushNotificationConfig(
                        PushNotificationConfig.builder()
                            .url("http://127.0.0.1:9/hook")
                            .token("t")
                            .build())
                    .build())
            .build();
    assertThatThrownBy(() -> chat.sendMessage(params, auth))
        .cause()
        .isInstanceOf(PushNotificationNotSupportedError.class)
        .hasMessageContaining("push notifications are not supported");
    JsonNode v03 =
        rpc(
                CHAT,
                call(
                    "message/send",
                    "{\"message\":{\"role\":\"user\",\"messageId\":\"p1\",\"parts\":[{\"kind\":"
                        + "\"text\",\"text\":\"hi\"}]},\"configuration\":{\"pushNotificationConfig\":"
                        + "{\"url\":\"http://127.0.0.1:9/hook\"}}}"),
                invoker)
            .path("error");
    assertThat(v03.path("code").asInt()).isEqualTo(-32003);
    assertThat(server.invocationCount("default")).isEqualTo(before);
    assertThat(card(CHAT, reader).capabilities().pushNotifications()).isFalse();
  }

  /** Issue 14: totalSize counts every matching task; a page token continues the listing. */
  @Test
  void listTasksCountsEveryMatchingTaskAndPagesWithTheToken() throws Exception {
    Task one = send(chat, text("a", null, null), Map.of());
    String context = one.contextId();
    Task two = send(chat, text("b", context, null), Map.of());
    Task three = send(chat, text("c", context, null), Map.of());
    ListTasksResult page1 =
        chat.listTasks(ListTasksParams.builder().contextId(context).pageSize(2).build(), auth);
    assertThat(page1.tasks()).extracting(Task::id).containsExactly(three.id(), two.id());
    assertThat(page1.totalSize()).isEqualTo(3);
    assertThat(page1.nextPageToken()).isNotEmpty();
    ListTasksResult page2 =
        chat.listTasks(
            ListTasksParams.builder()
                .contextId(context)
                .pageSize(2)
                .pageToken(page1.nextPageToken())
                .build(),
            auth);
    assertThat(page2.tasks()).extracting(Task::id).containsExactly(one.id());
    assertThat(page2.totalSize()).isEqualTo(3);
    assertThat(page2.nextPageToken()).isNullOrEmpty();
    assertThatThrownBy(() ->
            chat.listTasks(
                ListTasksParams.builder().contextId(context).pageToken("not-a-token").build(),
                auth))
        .cause()
        .isInstanceOf(InvalidParamsError.class)
        .hasMessageContaining("pageToken");
  }

  /** Issue 14: an open stream ends soon after its key is revoked (as /v1's event streams). */
  @Test
  void aStreamEndsSoonAfterItsKeyIsRevoked() throws Exception {
    String key = server.newKey(Role.CLIENT, "default");
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.url() + CHAT))
            .header("Authorization", "Bearer " + key)
            .header("A2A-Version", "1.0")
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    call(
                        "SendStreamingMessage",
                        "{\"message\":{\"role\":\"ROLE_USER\",\"messageId\":\""
                            + UUID.randomUUID()
                            + "\",\"parts\":[{\"text\":\"sleep:30000\"}]}}")))
            .build();
    HttpResponse<java.util.stream.Stream<String>> stream =
        HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
    java.util.Iterator<String> lines = stream.body().iterator();
    String first = lines.next();
    assertThat(first).startsWith("data: ");
    String taskId = TestServer.JSON.readTree(first.substring(6)).at("/result/task/id").asString();
    long revokedAt = System.nanoTime();
    server
        .server()
        .store()
        .keys()
        .revoke(dev.agentdispatch.core.auth.KeySecrets.shownPrefix(key), java.time.Instant.now());
    String last = first;
    while (lines.hasNext()) {
      String line = lines.next();
      if (line.startsWith("data: ")) {
        last = line;
      }
    }
    assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(12));
    JsonNode error = TestServer.JSON.readTree(last.substring(6)).path("error");
    assertThat(error.path("message").asString()).contains("revoked");
    assertThat(error.path("data").path("status").asInt()).isEqualTo(401);
    chat.cancelTask(new TaskIdParams(taskId), auth);
  }

  /**
   * Issue 14: one rule for agent-limited keys at every door: a client key limited to agents starts
   * work on those only; a worker key so limited may start work on any agent (its handlers call
   * others); reading is open to every key of the namespace.
   */
  @Test
  void agentLimitedKeysFollowTheRuleEveryDoorShares() throws Exception {
    String client = server.newKey(Role.CLIENT, "default", java.util.Set.of("tester"));
    String worker = server.newKey(Role.WORKER, "default", java.util.Set.of("tester"));
    HttpResponse<String> refused =
        post(CHAT, call("message/send", sendParams("hi", "")), client, Map.of());
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("limited to agents [tester]");
    assertThat(get(CHAT + "/.well-known/agent-card.json", client, Map.of()).statusCode())
        .isEqualTo(200);
    JsonNode byWorker =
        rpc(CHAT, call("message/send", sendParams("from a worker", "")), worker).path("result");
    assertThat(byWorker.path("status").path("state").asString()).isEqualTo("completed");
    JsonNode own =
        rpc(
                TESTER,
                call(
                    "message/send",
                    "{\"message\":{\"role\":\"user\",\"messageId\":\"own-1\",\"parts\":[{\"kind\":"
                        + "\"data\",\"data\":{\"text\":\"x\"}}]},\"metadata\":{\"skillId\":"
                        + "\"echo\"}}"),
                client)
            .path("result");
    assertThat(own.path("kind").asString()).isEqualTo("task");
  }

  /** A2A 0.3 over raw JSON-RPC: send, get, input-required and its answer, stream, cancel. */
  @Test
  void version03SpeaksSlashMethodsAndKindsOnTheSameUrl() throws Exception {
    JsonNode task =
        rpc(CHAT, call("message/send", sendParams("approve:v3", "")), invoker).path("result");
    assertThat(task.path("kind").asString()).isEqualTo("task");
    assertThat(task.path("status").path("state").asString()).isEqualTo("input-required");
    assertThat(task.path("status").path("message").path("parts").get(0).path("kind").asString())
        .isEqualTo("data");
    String taskId = task.path("id").asString();
    String context = task.path("contextId").asString();

    JsonNode answered =
        rpc(
                CHAT,
                call(
                    "message/send",
                    "{\"message\":{\"kind\":\"message\",\"role\":\"user\",\"messageId\":\"a1\","
                        + "\"contextId\":\""
                        + context
                        + "\",\"taskId\":\""
                        + taskId
                        + "\",\"parts\":[{\"kind\":\"text\",\"text\":\"no\"}]},"
                        + "\"configuration\":{\"blocking\":true}}"),
                invoker)
            .path("result");
    assertThat(answered.path("status").path("state").asString()).isEqualTo("completed");
    assertThat(
            answered
                .path("artifacts")
                .get(0)
                .path("parts")
                .get(0)
                .path("data")
                .path("text")
                .asString())
        .isEqualTo("decision:no");
    assertThat(
            rpc(CHAT, call("tasks/get", "{\"id\":\"" + taskId + "\"}"), invoker)
                .path("result")
                .path("status")
                .path("state")
                .asString())
        .isEqualTo("completed");
    assertThat(
            rpc(CHAT, call("tasks/get", "{\"id\":\"nope\"}"), invoker)
                .path("error")
                .path("code")
                .asInt())
        .isEqualTo(-32001);

    HttpResponse<String> stream =
        post(CHAT, call("message/stream", sendParams("hello", context)), invoker, Map.of());
    List<JsonNode> events = new ArrayList<>();
    for (String line : stream.body().split("\n")) {
      if (line.startsWith("data: ")) {
        events.add(TestServer.JSON.readTree(line.substring(6)).path("result"));
      }
    }
    assertThat(events.get(0).path("kind").asString()).isEqualTo("task");
    JsonNode last = events.get(events.size() - 1);
    assertThat(last.path("kind").asString()).isEqualTo("status-update");
    assertThat(last.path("final").asBoolean()).isTrue();
    assertThat(last.path("status").path("state").asString()).isEqualTo("completed");
    assertThat(last.path("contextId").asString()).isEqualTo(context);

    JsonNode slow =
        rpc(
                TESTER,
                call(
                    "message/send",
                    "{\"message\":{\"role\":\"user\",\"messageId\":\"s1\",\"parts\":[{\"kind\":"
                        + "\"data\",\"data\":{\"text\":\"s\"}}]},\"metadata\":{\"skillId\":"
                        + "\"slow\"},\"configuration\":{\"blocking\":false}}"),
                invoker)
            .path("result");
    JsonNode canceled =
        rpc(
                TESTER,
                call("tasks/cancel", "{\"id\":\"" + slow.path("id").asString() + "\"}"),
                invoker)
            .path("result");
    assertThat(canceled.path("status").path("state").asString()).isEqualTo("canceled");
  }

  private static String sendParams(String text, String contextId) {
    return "{\"message\":{\"kind\":\"message\",\"role\":\"user\",\"messageId\":\""
        + UUID.randomUUID()
        + "\""
        + (contextId.isEmpty() ? "" : ",\"contextId\":\"" + contextId + "\"")
        + ",\"parts\":[{\"kind\":\"text\",\"text\":\""
        + text
        + "\"}]},\"configuration\":{\"blocking\":true}}";
  }

  private static String call(String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\",\"params\":" + params + "}";
  }

  private static JsonNode rpc(String path, String body, String key) throws Exception {
    return rpc(path, body, key, Map.of());
  }

  private static JsonNode rpc(String path, String body, String key, Map<String, String> headers)
      throws Exception {
    HttpResponse<String> r = post(path, body, key, headers);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode json = TestServer.JSON.readTree(r.body());
    assertThat(json.path("jsonrpc").asString()).isEqualTo("2.0");
    return json;
  }

  private static HttpResponse<String> post(
      String path, String body, String key, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .timeout(Duration.ofSeconds(70))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    headers.forEach(b::header);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path, String key, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(10));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    headers.forEach(b::header);
    return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
