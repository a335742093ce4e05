package dev.agentdispatch.server.app.llm.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * How the gateway calls providers: its timeouts, retries and circuit breakers. The providers
 * themselves are configured per namespace, through the API or the configuration file.
 *
 * @param firstByteTimeout how long a provider may take to send the first byte of its answer
 * @param totalTimeout how long one call may take in all, retries and the whole stream included
 * @param attemptsPerProvider tries on one provider (for 429, 5xx and connect errors) before the
 *     next
 * @param backoff the wait before the first retry on a provider; doubled for each further one
 * @param maxRetryAfter the longest {@code Retry-After} the gateway waits out; a longer one moves on
 *     to the next provider at once
 * @param breaker when a provider's circuit opens and how long it stays open
 */
public record GatewaySettings(
    Duration firstByteTimeout,
    Duration totalTimeout,
    int attemptsPerProvider,
    Duration backoff,
    Duration maxRetryAfter,
    Breaker breaker) {

  /** First-byte timeout unless configured: long enough for a slow model's first token. */
  public static final Duration DEFAULT_FIRST_BYTE_TIMEOUT = Duration.ofSeconds(60);

  /** Total timeout unless configured: the dispatch-agents SDK's own LLM timeout. */
  public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofSeconds(600);

  /**
   * A provider's circuit breaker over its last {@code window} calls.
   *
   * @param window how many recent calls are judged
   * @param failureRatePercent the share of failures (5xx, 429, connect errors, timeouts, cut
   *     streams) that opens the circuit, once {@code window} calls were made
   * @param openFor how long an open circuit skips its provider before one trial call
   */
  public record Breaker(int window, int failureRatePercent, Duration openFor) {
    public static final Breaker DEFAULT = new Breaker(10, 50, Duration.ofSeconds(30));

    public Breaker {
      if (window < 1) {
        throw new IllegalArgumentException("breaker window must be at least 1, got " + window);
      }
      if (failureRatePercent < 1 || failureRatePercent > 100) {
        throw new IllegalArgumentException(
            "breaker failure rate must be 1..100 percent, got " + failureRatePercent);
      }
      positive(openFor, "breaker open duration");
    }
  }

  public GatewaySettings {
    positive(firstByteTimeout, "--llm-first-byte-timeout");
    positive(totalTimeout, "--llm-timeout");
    if (firstByteTimeout.compareTo(totalTimeout) > 0) {
      throw new IllegalArgumentException(
          "--llm-first-byte-timeout ("
              + firstByteTimeout
              + ") must not exceed --llm-timeout ("
              + totalTimeout
              + ")");
    }
    if (attemptsPerProvider < 1 || attemptsPerProvider > 10) {
      throw new IllegalArgumentException(
          "attempts per provider must be 1..10, got " + attemptsPerProvider);
    }
    positive(backoff, "backoff");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    Objects.requireNonNull(breaker, "breaker");
  }

  /** The defaults. */
  public static GatewaySettings defaults() {
    return new GatewaySettings(
        DEFAULT_FIRST_BYTE_TIMEOUT,
        DEFAULT_TOTAL_TIMEOUT,
        3,
        Duration.ofMillis(250),
        Duration.ofSeconds(10),
        Breaker.DEFAULT);
  }

  public GatewaySettings withTimeouts(Duration firstByte, Duration total) {
    return new GatewaySettings(
        firstByte, total, attemptsPerProvider, backoff, maxRetryAfter, breaker);
  }

  public GatewaySettings withBreaker(Breaker b) {
    return new GatewaySettings(
        firstByteTimeout, totalTimeout, attemptsPerProvider, backoff, maxRetryAfter, b);
  }

  public GatewaySettings withRetries(int attempts, Duration firstBackoff, Duration maxWait) {
    return new GatewaySettings(
        firstByteTimeout, totalTimeout, attempts, firstBackoff, maxWait, breaker);
  }

  private static void positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
  }
}
