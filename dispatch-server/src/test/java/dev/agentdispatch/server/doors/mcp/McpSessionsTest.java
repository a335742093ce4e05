package dev.agentdispatch.server.doors.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 14: the bounds on a node's MCP sessions are per key first, so keys cannot evict others. */
class McpSessionsTest {
  /** A clock the test moves (sessions order by last use, so each step must be distinct). */
  private static final class Ticking extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the sessions never change zones");
    }
  }

  @Test
  void aKeyAtItsBoundLosesItsOwnLeastRecentlyUsedSessionNotAnotherKeys() {
    Ticking clock = new Ticking();
    McpSessions sessions = new McpSessions(clock, 3, 10);
    McpSession other = sessions.open("default", "key-a", McpDoor.LATEST, false);
    List<McpSession> own = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofSeconds(1));
      own.add(sessions.open("default", "key-b", McpDoor.LATEST, false));
    }
    clock.advance(Duration.ofSeconds(1));
    assertThat(sessions.find(own.get(0).id(), "default", "key-b")).isPresent(); // used: now newest
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(1));
      sessions.open("default", "key-b", McpDoor.LATEST, false);
    }
    assertThat(sessions.find(other.id(), "default", "key-a")).contains(other);
    assertThat(sessions.find(own.get(1).id(), "default", "key-b")).isEmpty();
    assertThat(sessions.find(own.get(2).id(), "default", "key-b")).isEmpty();
  }

  @Test
  void aFullNodeRefusesNewSessionsUntilSomeExpire() {
    Ticking clock = new Ticking();
    McpSessions sessions = new McpSessions(clock, 2, 4);
    List<McpSession> open = new ArrayList<>();
    for (String key : List.of("a", "b")) {
      for (int i = 0; i < 2; i++) {
        open.add(sessions.open("default", key, McpDoor.LATEST, false));
      }
    }
    assertThatThrownBy(() -> sessions.open("default", "c", McpDoor.LATEST, false))
        .isInstanceOf(McpSessions.Full.class)
        .hasMessageContaining("stateless");
    for (McpSession s : open) {
      assertThat(sessions.find(s.id(), "default", s.keyId())).contains(s);
    }
    // A key at its own bound still replaces its own oldest session on a full node.
    McpSession replaced = sessions.open("default", "a", McpDoor.LATEST, false);
    assertThat(sessions.find(replaced.id(), "default", "a")).contains(replaced);
    assertThat(sessions.find(open.get(2).id(), "default", "b")).isPresent();
    clock.advance(McpSessions.IDLE.plusSeconds(1));
    assertThat(sessions.open("default", "c", McpDoor.LATEST, false)).isNotNull();
  }
}
