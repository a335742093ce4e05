package dev.agentdispatch.server.delivery;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.Delivery;
import dev.agentdispatch.core.invocation.Invocation;
import java.time.Duration;

/**
 * Carries one leased attempt to an agent of one delivery mode. Leases, fencing, renewals and what
 * to report after a stop are the same for every mode and live in {@link PushAttempt} and {@link
 * PushLoop}; a transport only makes the call and reads its answer.
 *
 * @param <D> the delivery mode it speaks
 */
sealed interface PushTransport<D extends Delivery>
    permits GrpcTransport, HttpTransport, A2aTransport {
  /**
   * Starts the call of one attempt, to end within {@code timeout} (the attempt's deadline), telling
   * the agent of the caller's span {@code traceparent} (W3C trace context).
   *
   * @throws IllegalStateException once the transport is closed
   */
  PushCall start(
      D target, Invocation invocation, AgentSpec agent, Duration timeout, String traceparent);
}
