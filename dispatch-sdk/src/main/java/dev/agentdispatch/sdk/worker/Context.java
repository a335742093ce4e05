package dev.agentdispatch.sdk.worker;

import dev.agentdispatch.sdk.client.InvokeOptions;
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
   * Creates a child invocation with options; the trace and parent are set unless the options
   * set them.
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
   * Appends an event to this invocation's event log on the server, batched and best-effort (like log
   * lines): {@code log} (prefer {@link #logger()}, which also logs locally), {@code progress},
   * {@code output} (partial output such as tokens) or {@code custom}.
   *
   * @param type {@code log}, {@code progress}, {@code output} or {@code custom}
   * @param data any value Jackson can write (a record, map, string, number or JsonNode)
   * @throws IllegalArgumentException for any other type
   */
  void report(String type, Object data);
}
