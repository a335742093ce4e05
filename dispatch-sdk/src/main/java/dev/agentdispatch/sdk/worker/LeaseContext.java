package dev.agentdispatch.sdk.worker;

import dev.agentdispatch.sdk.client.CallerTrace;
import dev.agentdispatch.sdk.client.ClientConfig;
import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.client.InvokeOptions;
import dev.agentdispatch.sdk.client.InvokeOptionsBuilder;
import dev.agentdispatch.sdk.client.PublishOptions;
import dev.agentdispatch.sdk.json.Json;
import dev.agentdispatch.sdk.llm.LlmAccess;
import dev.agentdispatch.sdk.model.EventPublished;
import dev.agentdispatch.sdk.model.InvocationCreated;
import dev.agentdispatch.sdk.model.Lease;
import dev.agentdispatch.sdk.model.WorkerEvent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** The {@link Context} of one leased invocation. */
final class LeaseContext implements Context {
  private static final Set<String> REPORTABLE = Set.of("log", "progress", "output", "custom");
  private final Lease lease;
  private final RunningLease running;
  private final DispatchClient client;
  private SessionRun sessionRun;
  private final InvocationLogger logger;
  private final Consumer<WorkerEvent> events;

  LeaseContext(
      RunningLease running,
      DispatchClient client,
      InvocationLogger logger,
      Consumer<WorkerEvent> events) {
    this.lease = running.lease();
    this.running = running;
    this.client = client;
    this.logger = logger;
    this.events = events;
  }

  @Override
  public void report(String type, Object data) {
    if (!REPORTABLE.contains(type)) {
      throw new IllegalArgumentException(
          "event type must be one of " + REPORTABLE + ", got '" + type + "'");
    }
    events.accept(new WorkerEvent(type, Json.toTree(data)));
  }

  @Override
  public LlmAccess llm() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Dispatch-Agent-Name", lease.agent());
    headers.put("X-Dispatch-Trace-Id", lease.traceId());
    headers.put("X-Dispatch-Invocation-Id", lease.invocationId());
    lease.sessionId().ifPresent(s -> headers.put("X-Dispatch-Session-Id", s));
    // The model call hangs under the run's span (or the attempt's): the gateway's span is its
    // child.
    CallerTrace.current().ifPresent(t -> headers.put("traceparent", t));
    ClientConfig config = client.config();
    return LlmAccess.of(
        config.baseUrl(), config.namespace(), config.apiKey().orElse(LlmAccess.NO_KEY), headers);
  }

  @Override
  public String invocationId() {
    return lease.invocationId();
  }

  @Override
  public String traceId() {
    return lease.traceId();
  }

  @Override
  public Optional<String> parentId() {
    return lease.parentId();
  }

  @Override
  public int attempt() {
    return lease.attempt();
  }

  @Override
  public String functionName() {
    return lease.function();
  }

  @Override
  public String agentName() {
    return lease.agent();
  }

  @Override
  public InvocationLogger logger() {
    return logger;
  }

  @Override
  public InvocationCreated invoke(String agent, String function, Object payload) {
    return invoke(agent, function, payload, InvokeOptions.none());
  }

  @Override
  public InvocationCreated invoke(
      String agent, String function, Object payload, InvokeOptions options) {
    return client.invoke(agent, function, payload, asChild(options));
  }

  @Override
  public <T> T invokeAndWait(
      String agent, String function, Object payload, Duration timeout, Class<T> resultType) {
    return client.invokeAndWait(
        agent, function, payload, asChild(InvokeOptions.none()), timeout, resultType);
  }

  @Override
  public EventPublished emit(String topic, Object payload) {
    return client.publish(
        topic,
        payload,
        new PublishOptions(
            Optional.of(agentName()),
            Optional.of(traceId()),
            Optional.of(invocationId()),
            Optional.empty()));
  }

  @Override
  public SessionContext session() {
    return sessionRun().session();
  }

  @Override
  public AgentMemory memory() {
    return () -> new LeaseKv(client.memory(lease.agent()));
  }

  @Override
  public SteeredInputs inputs() {
    return running.inbox();
  }

  @Override
  public tools.jackson.databind.JsonNode waitForInput(Object prompt) {
    return sessionRun().waitForInput(prompt);
  }

  /** The inputs this run took, reported with its result. */
  java.util.List<String> consumedInputs() {
    return running.inbox().taken();
  }

  private SessionRun sessionRun() {
    if (lease.sessionId().isEmpty()) {
      throw new IllegalStateException(
          "invocation "
              + lease.invocationId()
              + " is not a session run: start it with"
              + " POST /sessions/{sid}/inputs");
    }
    synchronized (this) {
      if (sessionRun == null) {
        sessionRun = new SessionRun(client.sessions(), lease);
      }
      return sessionRun;
    }
  }

  @Override
  public boolean isCancelled() {
    return running.isStopRequested();
  }

  /** Children join this trace under this invocation, unless the caller chose otherwise. */
  InvokeOptions asChild(InvokeOptions options) {
    InvokeOptionsBuilder builder = options.toBuilder();
    if (options.traceId().isEmpty()) {
      builder.traceId(traceId());
    }
    if (options.parentId().isEmpty()) {
      builder.parentId(invocationId());
    }
    return builder.build();
  }

  @Override
  public String toString() {
    return "Context["
        + agentName()
        + "."
        + functionName()
        + ", invocation="
        + invocationId()
        + ", attempt="
        + attempt()
        + "]";
  }
}
