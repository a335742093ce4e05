package dev.agentdispatch.server.app.llm.gateway;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** How one try of one provider ended. */
sealed interface Tried {

  /** Whether the provider is to blame: counts as a failure for its circuit breaker. */
  boolean providerFault();

  /**
   * The answer went to the client: a success, a provider's refusal passed on, or a stream that
   * broke after its first byte (then no other provider may be tried).
   *
   * @param error what went wrong, if anything
   * @param timeToFirstByte for a stream, until its first byte
   */
  record Delivered(
      Optional<String> error, Optional<Duration> timeToFirstByte, boolean providerFault)
      implements Tried {
    public Delivered {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(timeToFirstByte, "timeToFirstByte");
    }
  }

  /**
   * Nothing reached the client, so another try may.
   *
   * @param kind what happened, which decides the answer when every try failed
   * @param reason says what happened, for the ledger and the client
   * @param status the provider's status when it answered with an error
   * @param body the provider's error body then
   * @param contentType of that body
   * @param retryAfter the provider's {@code Retry-After}, if it sent one
   */
  record Failed(
      Kind kind,
      String reason,
      Optional<Integer> status,
      Optional<byte[]> body,
      Optional<String> contentType,
      Optional<Duration> retryAfter)
      implements Tried {

    /** Why a try failed. */
    enum Kind {
      /** 429 or 5xx: retried on the same provider, then the next. */
      STATUS,
      /** Connection refused or broken before the first byte: retried, then the next. */
      CONNECTION,
      /** No first byte in time: the next provider (a slow one is likely slow again). */
      TIMEOUT,
      /** Not tried: its circuit is open, or its key is not configured. */
      SKIPPED
    }

    public Failed {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(retryAfter, "retryAfter");
    }

    static Failed of(Kind kind, String reason) {
      return new Failed(
          kind, reason, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    boolean retryable() {
      return kind == Kind.STATUS || kind == Kind.CONNECTION;
    }

    @Override
    public boolean providerFault() {
      return kind != Kind.SKIPPED;
    }
  }
}
