package dev.agentdispatch.server.doors.mcp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The MCP sessions of this node. They live in memory: a session is bound to the node that opened it
 * (a load balancer must keep a session's requests on one node; stateless mode needs nothing). A
 * session unused for {@link #IDLE} is forgotten; the Dispatch sessions it talked to stay.
 *
 * <p>Bounded per API key and per node, so that one key cannot push out other keys' sessions: a key
 * at {@link #PER_KEY} sessions loses its own least recently used one when it opens another (that
 * client's next request gets 404, on which MCP clients initialize again, as the spec requires); a
 * node at {@link #MAX} refuses new sessions until some end or expire (stateless calls still work).
 */
final class McpSessions {
  static final Duration IDLE = Duration.ofHours(1);

  /** At most this many sessions per API key on a node; its least recently used goes first. */
  static final int PER_KEY = 1_000;

  /** At most this many sessions per node; beyond it {@code initialize} is refused. */
  static final int MAX = 10_000;

  private final Map<String, McpSession> sessions = new ConcurrentHashMap<>();
  private final Clock clock;
  private final int perKey;
  private final int max;

  McpSessions(Clock clock) {
    this(clock, PER_KEY, MAX);
  }

  McpSessions(Clock clock, int perKey, int max) {
    if (perKey < 1 || max < perKey) {
      throw new IllegalArgumentException("need 1 <= perKey <= max, got " + perKey + ", " + max);
    }
    this.clock = clock;
    this.perKey = perKey;
    this.max = max;
  }

  /** Thrown when the node holds {@code max} sessions: a new one must wait for others to end. */
  static final class Full extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Full(int max) {
      super(
          "this server holds its most MCP sessions ("
              + max
              + "): try again later, or call statelessly (without a session)");
    }
  }

  /**
   * Opens a session for {@code keyId}: past the key's bound its least recently used session ends;
   * {@link Full} when the node is at its bound.
   */
  synchronized McpSession open(
      String namespace, String keyId, String protocolVersion, boolean elicitation) {
    Instant now = clock.instant();
    sessions.values().removeIf(s -> s.lastUsed().plus(IDLE).isBefore(now));
    List<McpSession> own =
        sessions.values().stream()
            .filter(s -> s.keyId().equals(keyId))
            .sorted(Comparator.comparing(McpSession::lastUsed))
            .toList();
    for (int i = 0; i <= own.size() - perKey; i++) {
      sessions.remove(own.get(i).id());
    }
    if (sessions.size() >= max) {
      throw new Full(max);
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
