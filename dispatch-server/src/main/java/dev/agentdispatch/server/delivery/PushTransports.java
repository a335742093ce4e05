package dev.agentdispatch.server.delivery;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.Delivery;
import dev.agentdispatch.core.invocation.Invocation;
import java.time.Duration;

/** The transport of each push mode: picks the one an agent's delivery names. */
record PushTransports(GrpcTransport grpc, HttpTransport http) implements AutoCloseable {
  PushCall start(AgentSpec agent, Invocation invocation, Duration timeout) {
    return switch (agent.delivery()) {
      case Delivery.Grpc g -> grpc.start(g, invocation, agent, timeout);
      case Delivery.Http h -> http.start(h, invocation, agent, timeout);
      case Delivery.Pull p ->
          throw new IllegalStateException("agent '" + agent.name() + "' is not a push agent");
    };
  }

  /** Stops every call in flight. */
  @Override
  public void close() {
    grpc.close();
    http.close();
  }
}
