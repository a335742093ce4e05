package dev.agentdispatch.server.delivery;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.Delivery;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.server.tracing.ServerTracing;
import java.time.Duration;

/**
 * The transport of each push mode: picks the one an agent's delivery names, and makes each push a
 * span of {@code tracing}.
 */
record PushTransports(
    GrpcTransport grpc, HttpTransport http, A2aTransport a2a, ServerTracing tracing)
    implements AutoCloseable {
  PushCall start(AgentSpec agent, Invocation invocation, Duration timeout) {
    PushSpan span = PushSpan.start(tracing, agent, invocation);
    String traceparent = span.traceparent();
    PushCall call =
        switch (agent.delivery()) {
          case Delivery.Grpc g -> grpc.start(g, invocation, agent, timeout, traceparent);
          case Delivery.Http h -> http.start(h, invocation, agent, timeout, traceparent);
          case Delivery.A2a a -> a2a.start(a, invocation, agent, timeout, traceparent);
          case Delivery.Pull p ->
              throw new IllegalStateException("agent '" + agent.name() + "' is not a push agent");
        };
    // Transports complete the outcome normally, whatever happened.
    call.outcome().thenAccept(span::end);
    return call;
  }

  /** Stops every call in flight. */
  @Override
  public void close() {
    grpc.close();
    http.close();
    a2a.close();
  }
}
