package dev.agentdispatch.llm.standin;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Something the stand-in does to one request instead of (or while) answering it normally. */
public sealed interface Fault {

  /**
   * Answers with {@code status} and a provider-shaped error body, e.g. 429 with a {@code
   * Retry-After} header or 500.
   */
  record Status(int status, Optional<Duration> retryAfter) implements Fault {
    public Status {
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("an error status is 4xx or 5xx, got " + status);
      }
      Objects.requireNonNull(retryAfter, "retryAfter");
    }
  }

  /**
   * Waits before the first token: before the headers of a plain answer, after the headers and
   * before the first event of a stream.
   */
  record FirstTokenDelay(Duration delay) implements Fault {
    public FirstTokenDelay {
      Objects.requireNonNull(delay, "delay");
    }
  }

  /**
   * Drops the connection after {@code events} events of a stream (after half the body of a plain
   * answer), without the stream's terminal event.
   */
  record Cut(int events) implements Fault {
    public Cut {
      if (events < 0) {
        throw new IllegalArgumentException("events must not be negative");
      }
    }
  }

  /** Never answers (until the stand-in stops). */
  record Hang() implements Fault {}
}
