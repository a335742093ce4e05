package dev.agentdispatch.server.doors.mcp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The MCP sessions of this node. They live in memory: a session is bound to the node that opened it
 * (a load balancer must keep a session's requests on one node; stateless mode needs nothing). A
 * session unused for {@link #IDLE} is forgotten; the Dispatch sessions it talked to stay.
 */
final class McpSessions {
  static final Duration IDLE = Duration.ofHours(1);

  /** At most this many sessions per node; the least recently used goes first beyond it. */
  static final int MAX = 10_000;

  private final Map<String, McpSession> sessions = new ConcurrentHashMap<>();
  private final Clock clock;

  McpSessions(Clock clock) {
    this.clock = clock;
  }

  McpSession open(String namespace, String keyId, String protocolVersion, boolean elicitation) {
    Instant now = clock.instant();
    sessions.values().removeIf(s -> s.lastUsed().plus(IDLE).isBefore(now));
    if (sessions.size() >= MAX) {
      sessions.values().stream()
          .min((a, b) -> a.lastUsed().compareTo(b.lastUsed()))
          .ifPresent(oldest -> sessions.remove(oldest.id()));
    }
    McpSession s = new McpSession(namespace, keyId, protocolVersion, elicitation, now);
    sessions.put(s.id(), s);
    return s;
  }

  /**
   * The session {@code id} if it is open and belongs to {@code namespace} and {@code keyId}; a
   * session of another namespace or key is not found, so its id reveals nothing.
   */
  Optional<McpSession> find(String id, String namespace, String keyId) {
    Instant now = clock.instant();
    Optional<McpSession> s =
        Optional.ofNullable(sessions.get(id))
            .filter(x -> x.namespace().equals(namespace) && x.keyId().equals(keyId))
            .filter(x -> !x.lastUsed().plus(IDLE).isBefore(now));
    s.ifPresent(x -> x.touch(now));
    return s;
  }

  void close(McpSession s) {
    sessions.remove(s.id());
  }
}
