package dev.agentdispatch.server.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.a2a.grpc.utils.JSONRPCUtils;
import io.a2a.grpc.utils.ProtoUtils;
import io.a2a.jsonrpc.common.wrappers.A2AResponse;
import io.a2a.jsonrpc.common.wrappers.CancelTaskRequest;
import io.a2a.jsonrpc.common.wrappers.GetTaskRequest;
import io.a2a.jsonrpc.common.wrappers.SendMessageRequest;
import io.a2a.server.ServerCallContext;
import io.a2a.server.agentexecution.AgentExecutor;
import io.a2a.server.auth.UnauthenticatedUser;
import io.a2a.server.events.InMemoryQueueManager;
import io.a2a.server.events.MainEventBus;
import io.a2a.server.events.MainEventBusProcessor;
import io.a2a.server.requesthandlers.DefaultRequestHandler;
import io.a2a.server.tasks.InMemoryPushNotificationConfigStore;
import io.a2a.server.tasks.InMemoryTaskStore;
import io.a2a.spec.A2AError;
import io.a2a.spec.AgentCapabilities;
import io.a2a.spec.AgentCard;
import io.a2a.spec.AgentInterface;
import io.a2a.spec.AgentSkill;
import io.a2a.spec.InternalError;
import io.a2a.spec.MethodNotFoundError;
import io.a2a.transport.jsonrpc.handler.JSONRPCHandler;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An A2A agent built with the A2A Java SDK's server side ({@code DefaultRequestHandler} with its
 * in-memory task store and queues, behind the SDK's {@code JSONRPCHandler}), wired by hand instead
 * of by CDI and served by the JDK's HTTP server on loopback: the card at {@code
 * /.well-known/agent-card.json}, JSON-RPC 1.0 at {@code /}.
 */
final class SdkA2aAgent implements AutoCloseable {
  private final HttpServer http;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final MainEventBusProcessor processor;
  private final JSONRPCHandler handler;
  private final AgentCard card;

  private SdkA2aAgent(AgentExecutor agent, String skill) throws Exception {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/";
    card =
        AgentCard.builder()
            .name("sdk-agent")
            .description("an agent of the A2A Java SDK")
            .version("1")
            .supportedInterfaces(List.of(new AgentInterface("JSONRPC", url)))
            .capabilities(AgentCapabilities.builder().streaming(false).build())
            .defaultInputModes(List.of("application/json"))
            .defaultOutputModes(List.of("application/json"))
            .skills(
                List.of(
                    AgentSkill.builder()
                        .id(skill)
                        .name(skill)
                        .description(skill)
                        .tags(List.of("test"))
                        .build()))
            .build();
    InMemoryTaskStore tasks = new InMemoryTaskStore();
    MainEventBus bus = new MainEventBus();
    InMemoryQueueManager queues = new InMemoryQueueManager(tasks, bus);
    processor = new MainEventBusProcessor(bus, tasks, event -> {}, queues);
    // CDI would call its @PostConstruct start(); without a container the test does.
    Method start = MainEventBusProcessor.class.getDeclaredMethod("start");
    start.setAccessible(true);
    start.invoke(processor);
    DefaultRequestHandler requests =
        DefaultRequestHandler.create(
            agent,
            tasks,
            queues,
            new InMemoryPushNotificationConfigStore(),
            processor,
            executor,
            executor);
    // The SDK checks the card's transports against its transport modules found by ServiceLoader,
    // which only its Quarkus reference servers register; this JSON-RPC binding is ours.
    System.setProperty("io.a2a.transport.skipValidation", "true");
    handler = new JSONRPCHandler(card, requests, executor);
    http.createContext("/", this::serve);
    http.setExecutor(executor);
    http.start();
  }

  static SdkA2aAgent start(AgentExecutor agent, String skill) throws Exception {
    return new SdkA2aAgent(agent, skill);
  }

  String cardUrl() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/.well-known/agent-card.json";
  }

  private void serve(HttpExchange ex) throws IOException {
    try (ex) {
      String body;
      if (ex.getRequestMethod().equals("GET")) {
        body = JSONRPCUtils.toJsonRPCResultResponse(0, ProtoUtils.ToProto.agentCard(card));
        // The card is the result's value, not a JSON-RPC response.
        body = body.substring(body.indexOf("\"result\":") + 9, body.length() - 1);
      } else {
        body = rpc(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, bytes.length);
      ex.getResponseBody().write(bytes);
    }
  }

  private String rpc(String body) {
    Object id = null;
    try {
      ServerCallContext context =
          new ServerCallContext(UnauthenticatedUser.INSTANCE, new HashMap<>(), Set.of(), "1.0");
      var request = JSONRPCUtils.parseRequestBody(body, null);
      id = request.getId();
      A2AResponse<?> response =
          switch (request) {
            case SendMessageRequest r -> handler.onMessageSend(r, context);
            case GetTaskRequest r -> handler.onGetTask(r, context);
            case CancelTaskRequest r -> handler.onCancelTask(r, context);
            default -> null;
          };
      if (response == null) {
        return JSONRPCUtils.toJsonRPCErrorResponse(id, new MethodNotFoundError());
      }
      if (response.getError() != null) {
        return JSONRPCUtils.toJsonRPCErrorResponse(id, response.getError());
      }
      Object result = response.getResult();
      return JSONRPCUtils.toJsonRPCResultResponse(
          id,
          result instanceof io.a2a.spec.Task t && !(request instanceof SendMessageRequest)
              ? ProtoUtils.ToProto.task(t)
              : ProtoUtils.ToProto.taskOrMessage((io.a2a.spec.EventKind) result));
    } catch (A2AError e) {
      return JSONRPCUtils.toJsonRPCErrorResponse(id, e);
    } catch (Exception e) {
      return JSONRPCUtils.toJsonRPCErrorResponse(id, new InternalError(e.toString()));
    }
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }
}
