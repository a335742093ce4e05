package dev.agentdispatch.server.doors.dispatchagents;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where {@code dispatch agent dev} said it started each agent's gRPC server ({@code
 * agents/register}, which names no namespace). It is read by the agent's next subscribe, which
 * stores the address in the agent's spec for every node to see; so this map only needs to live on
 * the node that was told.
 */
final class AgentAddresses {
  /** The SDK's gRPC port when nothing else was said. */
  static final int DEFAULT_GRPC_PORT = 50051;

  private final Map<String, String> byAgent = new ConcurrentHashMap<>();

  void register(String agent, String address) {
    byAgent.put(agent, address);
  }

  /** The announced address, else the subscriber's own host at the SDK's default port. */
  String resolve(String agent, String peerHost) {
    return Optional.ofNullable(byAgent.get(agent))
        .orElseGet(() ->
            (peerHost.contains(":") ? "[" + peerHost + "]" : peerHost) + ":" + DEFAULT_GRPC_PORT);
  }
}
