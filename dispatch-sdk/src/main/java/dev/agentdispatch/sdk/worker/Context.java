package dev.agentdispatch.sdk.worker;

import dev.agentdispatch.sdk.client.InvokeOptions;
import dev.agentdispatch.sdk.model.EventPublished;
import dev.agentdispatch.sdk.model.InvocationCreated;
import java.time.Duration;
import java.util.Optional;

/**
 * What a running handler can reach: its ids, a logger that streams to the invocation's event log,
 * child invocations that join its trace, and whether it was cancelled.
 *
 * <p>Declare it as a parameter of an {@link Fn} method, or call {@link #current()} anywhere on the
 * handler's thread.
 */
public interface Context {
  /**
   * Returns the context of the invocation running on this thread.
   *
   * @return the context, or empty outside a handler
   */
  static Optional<Context> current() {
    return CurrentContext.get();
  }

  /**
   * Returns the invocation's id.
   *
   * @return the invocation id
   */
  String invocationId();

  /**
   * Returns the trace the invocation belongs to.
   *
   * @return the trace id
   */
  String traceId();

  /**
   * Returns the invocation that created this one.
   *
   * @return the parent id, when there is a parent
   */
  Optional<String> parentId();

  /**
   * Returns the attempt number.
   *
   * @return 1 for the first try
   */
  int attempt();

  /**
   * Returns the function being run.
   *
   * @return the function name
   */
  String functionName();

  /**
   * Returns the agent being served.
   *
   * @return the agent name
   */
  String agentName();

  /**
   * Returns the logger bound to this invocation.
   *
   * @return the logger
   */
  InvocationLogger logger();

  /**
   * Creates a child invocation in this trace, with this invocation as its parent.
   *
   * @param agent the agent
   * @param function the function
   * @param payload a record, map or JSON tree
   * @return the created invocation
   */
  InvocationCreated invoke(String agent, String function, Object payload);

  /**
   * Creates a child invocation with options; the trace and parent are set unless the options set
   * them.
   *
   * @param agent the agent
   * @param function the function
   * @param payload a record, map or JSON tree
   * @param options invocation options
   * @return the created invocation
   */
  InvocationCreated invoke(String agent, String function, Object payload, InvokeOptions options);

  /**
   * Invokes a child function and waits for its result.
   *
   * @param agent the agent
   * @param function the function
   * @param payload a record, map or JSON tree
   * @param timeout how long to wait
   * @param resultType the result type
   * @param <T> the result type
   * @return the result
   */
  <T> T invokeAndWait(
      String agent, String function, Object payload, Duration timeout, Class<T> resultType);

  /**
   * Tells whether the invocation was cancelled (or the lease lost): stop work soon. The handler's
   * thread is also interrupted when that happens.
   *
   * @return true once cancelled
   */
  boolean isCancelled();

  /**
   * Appends an event to this invocation's event log on the server, batched and best-effort (like
   * log lines): {@code log} (prefer {@link #logger()}, which also logs locally), {@code progress},
   * {@code output} (partial output such as tokens) or {@code custom}.
   *
   * @param type {@code log}, {@code progress}, {@code output} or {@code custom}
   * @param data any value Jackson can write (a record, map, string, number or JsonNode)
   * @throws IllegalArgumentException for any other type
   */
  void report(String type, Object data);

  /**
   * Publishes an event from this invocation: it joins this trace, with this invocation as its
   * parent and this agent as its sender.
   *
   * @param topic a dot-separated topic
   * @param payload a record, map or JsonNode
   * @return the event's uid and the invocations it fanned out into
   */
  EventPublished emit(String topic, Object payload);

  /**
   * Returns the session this run belongs to (DESIGN §8).
   *
   * @return the session
   * @throws IllegalStateException when the invocation is not a session run
   */
  default SessionContext session() {
    throw new UnsupportedOperationException("this context has no session support");
  }

  /**
   * Returns the agent's memory: {@code ctx.memory().kv()} is its long-term key-value store.
   *
   * @return the memory
   */
  default AgentMemory memory() {
    throw new UnsupportedOperationException("this context has no memory support");
  }

  /**
   * Returns the inputs steered into this run while it runs (strategy {@code steer}).
   *
   * @return the steered inputs; always empty outside a session run
   */
  default SteeredInputs inputs() {
    throw new UnsupportedOperationException("this context has no steered inputs");
  }

  /**
   * Pauses this session run until the session's next input and returns that input. The first time
   * it throws {@link WaitingForInput}, which the worker turns into {@code waiting_for_input} (no
   * slot is held while waiting); when the input arrives the handler runs again from the start and
   * the n-th call of this method returns the input that answered the n-th wait.
   *
   * @param prompt what the run waits for, e.g. {@code {"approve": "deploy v2?"}}; shown to whoever
   *     answers
   * @return the input that resumed the run
   * @throws IllegalStateException when the invocation is not a session run
   */
  default tools.jackson.databind.JsonNode waitForInput(Object prompt) {
    throw new UnsupportedOperationException("this context cannot wait for input");
  }

  /**
   * Returns how this handler reaches models through the server's LLM gateway: base URLs for OpenAI-
   * and Anthropic-compatible client libraries and the headers that attribute each call to this
   * invocation (its trace, session and agent), so calls show in the trace and count against the
   * agent's budget. {@link dev.agentdispatch.sdk.llm.LangChain4jModels} builds ready LangChain4j
   * models from it.
   *
   * @return the gateway access for this invocation
   */
  default dev.agentdispatch.sdk.llm.LlmAccess llm() {
    throw new UnsupportedOperationException("this context has no LLM gateway access");
  }

  /**
   * Streams a piece of partial output (e.g. tokens) to the invocation's event log as an {@code
   * output} event.
   *
   * @param chunk a string, record, map or JSON tree
   */
  default void emitOutput(Object chunk) {
    report("output", chunk);
  }
}
