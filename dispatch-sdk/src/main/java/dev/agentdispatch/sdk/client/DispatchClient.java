package dev.agentdispatch.sdk.client;

import static java.util.Objects.requireNonNull;

import dev.agentdispatch.sdk.json.Json;
import dev.agentdispatch.sdk.llm.LlmCallReport;
import dev.agentdispatch.sdk.model.AgentRegistration;
import dev.agentdispatch.sdk.model.AgentView;
import dev.agentdispatch.sdk.model.EventPublished;
import dev.agentdispatch.sdk.model.FlowState;
import dev.agentdispatch.sdk.model.InvocationCreated;
import dev.agentdispatch.sdk.model.InvocationView;
import dev.agentdispatch.sdk.model.Page;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * Client of one namespace of an Agent Dispatch server. Thread-safe; build one and share it.
 *
 * <pre>{@code
 * DispatchClient client = DispatchClient.builder().baseUrl("http://127.0.0.1:7070").build();
 * Greeting g = client.invokeAndWait("greeter", "greet", new GreetRequest("Ada"),
 *     Duration.ofSeconds(30), Greeting.class);
 * }</pre>
 *
 * <p>HTTP errors become {@link DispatchApiException}; an unreachable server becomes {@link
 * DispatchUnreachableException}. An invocation over a rejecting rate limit is refused with a {@code
 * DispatchApiException} whose {@link DispatchApiException#isRateLimited()} is true and whose {@link
 * DispatchApiException#retryAfter()} says when to try again.
 */
public final class DispatchClient {
  /** Default server URL. */
  public static final String DEFAULT_BASE_URL = "http://127.0.0.1:7070";

  /** Default namespace. */
  public static final String DEFAULT_NAMESPACE = "default";

  /** Default bound on opening a connection. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Default bound on one request (long polls add their wait). */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** Environment variable holding the server URL. */
  public static final String ENV_URL = "DISPATCH_URL";

  /** Environment variable holding the namespace. */
  public static final String ENV_NAMESPACE = "DISPATCH_NAMESPACE";

  /** Environment variable holding the API key. */
  public static final String ENV_API_KEY = "DISPATCH_API_KEY";

  private static final TypeReference<Page<InvocationView>> INVOCATION_PAGE =
      new TypeReference<>() {};
  private static final TypeReference<Page<AgentView>> AGENT_PAGE = new TypeReference<>() {};

  private final ClientConfig config;
  private final HttpTransport transport;
  private final WorkerEndpoints workers;
  private final InvocationWaiter waiter;

  DispatchClient(ClientConfig config) {
    this.config = config;
    this.transport = new HttpTransport(config);
    this.workers = new WorkerEndpoints(transport);
    this.waiter = new InvocationWaiter(this, config.clock());
  }

  /**
   * Starts a builder with every default set.
   *
   * @return a new builder
   */
  public static DispatchClientBuilder builder() {
    return new DispatchClientBuilder();
  }

  /**
   * Builds a client from {@code DISPATCH_URL} (default {@value #DEFAULT_BASE_URL}), {@code
   * DISPATCH_NAMESPACE} (default {@value #DEFAULT_NAMESPACE}) and {@code DISPATCH_API_KEY}.
   *
   * @return the client
   */
  public static DispatchClient fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * Builds a client from the given variables, read as {@link #fromEnvironment()} reads the process
   * environment.
   *
   * @param env the variables
   * @return the client
   */
  public static DispatchClient fromEnvironment(Map<String, String> env) {
    DispatchClientBuilder builder =
        builder()
            .baseUrl(nonBlank(env.get(ENV_URL)).orElse(DEFAULT_BASE_URL))
            .namespace(nonBlank(env.get(ENV_NAMESPACE)).orElse(DEFAULT_NAMESPACE));
    return builder.apiKey(nonBlank(env.get(ENV_API_KEY))).build();
  }

  /**
   * Returns the settings this client was built with.
   *
   * @return the frozen configuration
   */
  public ClientConfig config() {
    return config;
  }

  /**
   * Returns the worker side of the API.
   *
   * @return lease, heartbeat, complete and events calls
   */
  public WorkerEndpoints workers() {
    return workers;
  }

  /**
   * Returns the session API: sessions, inputs with strategies, state.
   *
   * @return session calls
   */
  public SessionEndpoints sessions() {
    return new SessionEndpoints(transport);
  }

  /**
   * Reports a model call the agent made to a provider directly, so that it shows in its trace,
   * counts in usage and is charged to the agent's budget (calls through the gateway are recorded
   * without this).
   *
   * @param call the call
   * @return the recorded call: {@code {llm_call_id, cost_usd}}
   */
  public JsonNode reportLlmCall(LlmCallReport call) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", call.model());
    body.put("provider", call.provider());
    body.put("input_tokens", call.inputTokens());
    body.put("output_tokens", call.outputTokens());
    body.put("cache_read_tokens", call.cacheReadTokens());
    body.put("cache_write_tokens", call.cacheWriteTokens());
    call.agent().ifPresent(a -> body.put("agent", a));
    call.traceId().ifPresent(t -> body.put("trace_id", t));
    call.invocationId().ifPresent(i -> body.put("invocation_id", i));
    return transport.send(
        "POST", transport.namespaced("/llm/calls"), Optional.of(body), Duration.ZERO);
  }

  /**
   * Returns the routed tasks of the client's namespace.
   *
   * @return task calls
   */
  public TaskEndpoints tasks() {
    return new TaskEndpoints(transport);
  }

  /**
   * Returns one agent's long-term key-value memory.
   *
   * @param agent the agent
   * @return memory calls
   */
  public MemoryEndpoints memory(String agent) {
    return new MemoryEndpoints(transport, agent);
  }

  /**
   * Creates an invocation and returns at once.
   *
   * @param agent the agent
   * @param function the function
   * @param payload a record, map or {@link JsonNode}; {@code null} sends {@code {}}
   * @return the created (or deduplicated) invocation
   */
  public InvocationCreated invoke(String agent, String function, Object payload) {
    return invoke(agent, function, payload, InvokeOptions.none());
  }

  /**
   * Creates an invocation with options and returns at once.
   *
   * @param agent the agent
   * @param function the function
   * @param payload a record, map or {@link JsonNode}; {@code null} sends {@code {}}
   * @param options idempotency key, priority, timeouts, retry, trace and parent ids, concurrency
   *     key, delay
   * @return the created (or deduplicated) invocation
   * @throws DispatchApiException e.g. 404 for an unknown agent or function, 422 for a payload that
   *     does not fit its schema, 429 {@code rate_limited} over a rejecting rate limit (see {@link
   *     DispatchApiException#retryAfter()}; nothing is stored)
   */
  public InvocationCreated invoke(
      String agent, String function, Object payload, InvokeOptions options) {
    requireNonNull(agent, "agent is null");
    requireNonNull(function, "function is null");
    requireNonNull(options, "options is null");
    JsonNode body = payload == null ? Json.payload().createObjectNode() : Json.toTree(payload);
    InvokeRequest request = InvokeRequest.of(agent, function, body, options);
    return transport.send(
        "POST",
        transport.namespaced("/invocations"),
        Optional.of(request),
        Duration.ZERO,
        InvocationCreated.class);
  }

  /**
   * Publishes an event: one invocation per function subscribed to a matching topic pattern.
   *
   * @param topic a dot-separated topic, e.g. {@code orders.created}
   * @param payload a record, map or {@link JsonNode}; {@code null} sends {@code {}}
   * @return the event's uid and the invocations it fanned out into
   */
  public EventPublished publish(String topic, Object payload) {
    return publish(topic, payload, PublishOptions.NONE);
  }

  /**
   * Publishes an event with options (sender, trace, parent, idempotency key).
   *
   * @param topic a dot-separated topic
   * @param payload a record, map or {@link JsonNode}
   * @param options the options
   * @return the event's uid and the invocations it fanned out into
   */
  public EventPublished publish(String topic, Object payload, PublishOptions options) {
    requireNonNull(topic, "topic is null");
    requireNonNull(options, "options is null");
    JsonNode body = payload == null ? Json.payload().createObjectNode() : Json.toTree(payload);
    return transport.send(
        "POST",
        transport.namespaced("/events"),
        Optional.of(PublishRequest.of(topic, body, options)),
        Duration.ZERO,
        EventPublished.class);
  }

  /**
   * Invokes a function and waits for its result.
   *
   * @param agent the agent
   * @param function the function
   * @param payload a record, map or {@link JsonNode}
   * @param timeout how long to wait in total
   * @param resultType the result type; {@code Void.class} for functions without a result
   * @param <T> the result type
   * @return the result ({@code null} only for {@code Void})
   * @throws InvocationFailedException when it ended in error, timed_out or cancelled
   * @throws InvocationWaitTimeoutException when it did not end within the timeout
   */
  public <T> T invokeAndWait(
      String agent, String function, Object payload, Duration timeout, Class<T> resultType) {
    return invokeAndWait(agent, function, payload, InvokeOptions.none(), timeout, resultType);
  }

  /**
   * Invokes a function with options and waits for its result.
   *
   * @param agent the agent
   * @param function the function
   * @param payload a record, map or {@link JsonNode}
   * @param options invocation options
   * @param timeout how long to wait in total
   * @param resultType the result type; {@code Void.class} for functions without a result
   * @param <T> the result type
   * @return the result ({@code null} only for {@code Void})
   * @throws InvocationFailedException when it ended in error, timed_out or cancelled
   * @throws InvocationWaitTimeoutException when it did not end within the timeout
   */
  public <T> T invokeAndWait(
      String agent,
      String function,
      Object payload,
      InvokeOptions options,
      Duration timeout,
      Class<T> resultType) {
    requireNonNull(resultType, "resultType is null");
    InvocationCreated created = invoke(agent, function, payload, options);
    return InvocationWaiter.resultOf(awaitTerminal(created.invocationId(), timeout), resultType);
  }

  /**
   * Waits until an invocation reaches a terminal status, whichever it is.
   *
   * @param invocationId the invocation
   * @param timeout how long to wait in total
   * @return its terminal view
   * @throws InvocationWaitTimeoutException when it did not end within the timeout
   */
  public InvocationView awaitTerminal(String invocationId, Duration timeout) {
    requireNonNull(timeout, "timeout is null");
    return waiter.awaitTerminal(invocationId, timeout);
  }

  /**
   * Reads an invocation.
   *
   * @param invocationId the invocation
   * @return its current view
   */
  public InvocationView get(String invocationId) {
    return get(invocationId, 0);
  }

  /**
   * Reads an invocation, letting the server hold the request until it is terminal.
   *
   * @param invocationId the invocation
   * @param waitSeconds 0..60 seconds to wait for a terminal status
   * @return its view, terminal or as it is when the wait ends
   */
  public InvocationView get(String invocationId, int waitSeconds) {
    if (waitSeconds < 0 || waitSeconds > InvocationWaiter.MAX_WAIT_SECONDS) {
      throw new IllegalArgumentException("waitSeconds must be in 0..60, got " + waitSeconds);
    }
    String query = waitSeconds == 0 ? "" : "?wait_seconds=" + waitSeconds;
    return transport.send(
        "GET",
        invocationPath(invocationId) + query,
        Optional.empty(),
        Duration.ofSeconds(waitSeconds),
        InvocationView.class);
  }

  /**
   * Cancels an invocation: at once when pending, at the worker's next heartbeat when running.
   *
   * @param invocationId the invocation
   * @param cascade also cancel its children
   * @return its view after the request
   */
  public InvocationView cancel(String invocationId, boolean cascade) {
    return transport.send(
        "POST",
        invocationPath(invocationId) + "/cancel",
        Optional.of(Map.of("cascade", cascade)),
        Duration.ZERO,
        InvocationView.class);
  }

  /**
   * Re-runs a terminal invocation as a new attempt chain (e.g. from the dead-letter list).
   *
   * @param invocationId the invocation
   * @return its view after the request
   */
  public InvocationView retry(String invocationId) {
    return transport.send(
        "POST",
        invocationPath(invocationId) + "/retry",
        Optional.of(Map.of()),
        Duration.ZERO,
        InvocationView.class);
  }

  /**
   * Lists invocations, one page at a time.
   *
   * @param filter what to list and where the page starts
   * @return one page; pass its next cursor to {@link InvocationFilter#withCursor(String)}
   */
  public Page<InvocationView> list(InvocationFilter filter) {
    String path = transport.namespaced("/invocations") + UrlParts.query(filter.toQuery());
    JsonNode page = transport.send("GET", path, Optional.empty(), Duration.ZERO);
    return Json.wire().readerFor(INVOCATION_PAGE).readValue(page);
  }

  /**
   * Registers an agent or replaces its registration (idempotent).
   *
   * @param agent the agent name
   * @param registration its description and functions
   * @return the server's view of the agent
   */
  public AgentView upsertAgent(String agent, AgentRegistration registration) {
    return transport.send(
        "PUT", agentPath(agent), Optional.of(registration), Duration.ZERO, AgentView.class);
  }

  /**
   * Reads an agent.
   *
   * @param agent the agent name
   * @return its view, or empty when it is not registered
   */
  public Optional<AgentView> getAgent(String agent) {
    try {
      return Optional.of(
          transport.send(
              "GET", agentPath(agent), Optional.empty(), Duration.ZERO, AgentView.class));
    } catch (DispatchApiException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Lists every agent of the namespace, following all pages.
   *
   * @return the agents
   */
  public List<AgentView> listAgents() {
    List<AgentView> agents = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      String query = cursor.map(c -> UrlParts.query(Map.of("cursor", c))).orElse("");
      JsonNode node =
          transport.send(
              "GET", transport.namespaced("/agents") + query, Optional.empty(), Duration.ZERO);
      Page<AgentView> page = Json.wire().readerFor(AGENT_PAGE).readValue(node);
      agents.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor.isPresent());
    return List.copyOf(agents);
  }

  /**
   * Pauses dispatch to an agent: none of its invocations is leased until {@link
   * #resumeAgent(String)}. It still accepts new invocations, which wait pending ({@code blocked_by}
   * {@code paused:agent}); running ones run on. Idempotent. Needs the admin role when the server
   * requires auth.
   *
   * @param agent the agent name
   * @return the agent's flow control after the change
   * @throws DispatchApiException 404 when the agent is not registered
   */
  public FlowState pauseAgent(String agent) {
    return flowChange(agentPath(agent) + "/pause");
  }

  /**
   * Resumes dispatch to a paused agent; what waited is leased at once. Idempotent. A pause of one
   * of its functions stays.
   *
   * @param agent the agent name
   * @return the agent's flow control after the change
   * @throws DispatchApiException 404 when the agent is not registered
   */
  public FlowState resumeAgent(String agent) {
    return flowChange(agentPath(agent) + "/resume");
  }

  /**
   * Pauses dispatch of one function of an agent, as {@link #pauseAgent(String)} does for the whole
   * agent ({@code blocked_by} {@code paused:function}).
   *
   * @param agent the agent name
   * @param function the function name
   * @return the agent's flow control after the change
   * @throws DispatchApiException 404 when the agent or the function is not registered
   */
  public FlowState pauseFunction(String agent, String function) {
    return flowChange(functionPath(agent, function) + "/pause");
  }

  /**
   * Resumes dispatch of one function of an agent. A pause of the whole agent stays.
   *
   * @param agent the agent name
   * @param function the function name
   * @return the agent's flow control after the change
   * @throws DispatchApiException 404 when the agent or the function is not registered
   */
  public FlowState resumeFunction(String agent, String function) {
    return flowChange(functionPath(agent, function) + "/resume");
  }

  /**
   * Resets an execution class of an agent ({@code POST /agents/{agent}/reset}): its consecutive
   * failures are forgotten and it is no longer degraded, so what waited ({@code blocked_by} {@code
   * degraded:lane}) is leased again; {@code flow.class.recovered} is published when it was
   * degraded. Resetting a class without failures changes nothing. Needs the admin role when the
   * server requires auth.
   *
   * @param agent the agent name
   * @param lane the lane, as in {@link dev.agentdispatch.sdk.model.FlowClass#lane()}; empty for the
   *     default lane
   * @return the agent's flow control after the reset
   * @throws DispatchApiException 404 when the agent is not registered or declares no such lane
   */
  public FlowState resetClass(String agent, Optional<String> lane) {
    requireNonNull(lane, "lane is null");
    String query = lane.map(l -> UrlParts.query(Map.of("lane", l))).orElse("");
    return flowChange(agentPath(agent) + "/reset" + query);
  }

  /**
   * Resets the default lane's execution class of an agent: {@link #resetClass(String, Optional)}
   * with no lane.
   *
   * @param agent the agent name
   * @return the agent's flow control after the reset
   * @throws DispatchApiException 404 when the agent is not registered
   */
  public FlowState resetClass(String agent) {
    return resetClass(agent, Optional.empty());
  }

  private FlowState flowChange(String path) {
    return transport.send("POST", path, Optional.of(Map.of()), Duration.ZERO, FlowState.class);
  }

  /**
   * Removes an agent's registration.
   *
   * @param agent the agent name
   */
  public void deleteAgent(String agent) {
    transport.send("DELETE", agentPath(agent), Optional.empty(), Duration.ZERO);
  }

  /**
   * Tells whether the server answers {@code GET /healthz} with success.
   *
   * @return false when it is unreachable or unhealthy
   */
  public boolean isHealthy() {
    try {
      transport.send("GET", "/healthz", Optional.empty(), Duration.ZERO);
      return true;
    } catch (DispatchApiException | DispatchUnreachableException e) {
      return false;
    }
  }

  private String invocationPath(String invocationId) {
    requireNonNull(invocationId, "invocationId is null");
    return transport.namespaced("/invocations/" + UrlParts.segment(invocationId));
  }

  private String agentPath(String agent) {
    requireNonNull(agent, "agent is null");
    return transport.namespaced("/agents/" + UrlParts.segment(agent));
  }

  private String functionPath(String agent, String function) {
    requireNonNull(function, "function is null");
    return agentPath(agent) + "/functions/" + UrlParts.segment(function);
  }

  private static Optional<String> nonBlank(String value) {
    return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
  }

  @Override
  public String toString() {
    return "DispatchClient[" + config.baseUrl() + ", namespace=" + config.namespace() + "]";
  }
}
