package dev.agentdispatch.server.doors.dispatchagents;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where {@code dispatch agent dev} said it started each agent's gRPC server ({@code
 * agents/register}, which names no namespace). It is read by the agent's next subscribe, which
 * stores the address in the agent's spec for every node to see; so this map only needs to live on
 * the node that was told.
 */
final class AgentAddresses {
  /** The SDK's gRPC port when nothing else was said. */
  static final int DEFAULT_GRPC_PORT = 50051;

  /** At most this many announced addresses are kept (the least recently told go first). */
  static final int MAX_AGENTS = 10_000;

  // Told without a key: bounded, and an address not used by a subscribe within the hour is dropped.
  private final Map<String, String> byAgent =
      Caffeine.newBuilder()
          .maximumSize(MAX_AGENTS)
          .expireAfterWrite(Duration.ofHours(1))
          // Evicting on the caller's thread keeps the bound exact (the map is small and quick).
          .executor(Runnable::run)
          .<String, String>build()
          .asMap();

  void register(String agent, String address) {
    byAgent.put(agent, address);
  }

  /** How many addresses are kept now. */
  int size() {
    return byAgent.size();
  }

  /** The announced address, else the subscriber's own host at the SDK's default port. */
  String resolve(String agent, String peerHost) {
    return Optional.ofNullable(byAgent.get(agent))
        .orElseGet(() ->
            (peerHost.contains(":") ? "[" + peerHost + "]" : peerHost) + ":" + DEFAULT_GRPC_PORT);
  }
}
