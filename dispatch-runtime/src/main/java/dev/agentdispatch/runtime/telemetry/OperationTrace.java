package dev.agentdispatch.runtime.telemetry;

import dev.agentdispatch.runtime.events.AgentFailureClass;

/**
 * One traced operation of a session (a turn or a tool call). It ends once: the first of {@link
 * #succeeded()} and {@link #failed} counts, and later calls are ignored, so an operation the
 * session already ended as interrupted stays so.
 */
public interface OperationTrace {
  /**
   * Makes this operation the current one on the calling thread until the activation is closed, so
   * that work done inside it (events, a model client's own spans) is attributed to it.
   */
  Activation activate();

  /** The operation returned normally. */
  void succeeded();

  /** The operation threw; {@code failureClass} is the runtime's classification of the error. */
  void failed(Throwable error, AgentFailureClass failureClass);
}
