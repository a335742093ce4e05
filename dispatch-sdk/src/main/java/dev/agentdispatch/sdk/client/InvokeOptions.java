package dev.agentdispatch.sdk.client;

import dev.agentdispatch.sdk.json.Normalize;
import dev.agentdispatch.sdk.model.RetryPolicy;
import java.time.Duration;
import java.util.Optional;

/**
 * Optional settings of one invocation; build with {@link #builder()}, or use {@link #none()}.
 *
 * @param idempotencyKey a key that makes repeated requests return the first invocation
 * @param priority 0..9, higher first (server default 5)
 * @param timeout the overall deadline from creation (1 s .. 24 h)
 * @param attemptTimeout the bound of one attempt
 * @param retry a retry policy overriding the function's
 * @param traceId the trace to join (a new one when absent)
 * @param parentId the invocation this one is a child of
 * @param sessionId the session this invocation is a run of
 * @param concurrencyKey a key grouping invocations of one tenant or conversation: with the
 *     function's {@code key_concurrency} at most that many invocations of the key are under way at
 *     once (pending with a slot, or running; a retry in backoff keeps its slot), and with a {@code
 *     by_key} rate limit the key has its own bucket; otherwise it only labels the invocation (see
 *     {@link InvokeOptionsBuilder#concurrencyKey(String)})
 * @param delay how long to wait before the invocation becomes available
 * @param lane the agent's lane to run in (see {@link InvokeOptionsBuilder#lane(String)}); empty for
 *     the default lane
 * @param debounceKey the burst of a debounced function this invocation belongs to (see {@link
 *     InvokeOptionsBuilder#debounceKey(String)})
 */
public record InvokeOptions(
    Optional<String> idempotencyKey,
    Optional<Integer> priority,
    Optional<Duration> timeout,
    Optional<Duration> attemptTimeout,
    Optional<RetryPolicy> retry,
    Optional<String> traceId,
    Optional<String> parentId,
    Optional<String> sessionId,
    Optional<String> concurrencyKey,
    Optional<Duration> delay,
    Optional<String> lane,
    Optional<String> debounceKey) {

  private static final InvokeOptions NONE = builder().build();

  /** Validates the bounds of the contract. */
  public InvokeOptions {
    idempotencyKey = Normalize.optional(idempotencyKey);
    priority = Normalize.optional(priority);
    priority
        .filter(p -> p < 0 || p > 9)
        .ifPresent(p -> {
          throw new IllegalArgumentException("priority must be in 0..9, got " + p);
        });
    timeout = checkTimeout(Normalize.optional(timeout), "timeout");
    attemptTimeout = checkTimeout(Normalize.optional(attemptTimeout), "attemptTimeout");
    retry = Normalize.optional(retry);
    traceId = Normalize.optional(traceId);
    parentId = Normalize.optional(parentId);
    sessionId = Normalize.optional(sessionId);
    concurrencyKey = Normalize.optional(concurrencyKey);
    delay = Normalize.optional(delay);
    delay
        .filter(Duration::isNegative)
        .ifPresent(d -> {
          throw new IllegalArgumentException("delay must not be negative, got " + d);
        });
    lane = Normalize.optional(lane);
    lane.ifPresent(l -> Normalize.requireText(l, "lane"));
    debounceKey = Normalize.optional(debounceKey);
    debounceKey.ifPresent(k -> Normalize.requireText(k, "debounceKey"));
  }

  /**
   * Returns options with nothing set.
   *
   * @return the empty options
   */
  public static InvokeOptions none() {
    return NONE;
  }

  /**
   * Starts a builder with nothing set.
   *
   * @return a new builder
   */
  public static InvokeOptionsBuilder builder() {
    return new InvokeOptionsBuilder();
  }

  /**
   * Returns a builder holding these options, to change some of them.
   *
   * @return a new builder
   */
  public InvokeOptionsBuilder toBuilder() {
    return new InvokeOptionsBuilder(this);
  }

  private static Optional<Duration> checkTimeout(Optional<Duration> value, String name) {
    value
        .filter(d -> d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(Duration.ofDays(1)) > 0)
        .ifPresent(d -> {
          throw new IllegalArgumentException(name + " must be between 1s and 24h, got " + d);
        });
    return value;
  }
}
