package dev.agentdispatch.server.app.invocations;

import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.server.app.Check;
import dev.agentdispatch.server.app.ServiceException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A request to invoke a function, whatever door it came through. It checks everything that can be
 * checked without the store (names, id lengths, ranges); {@link InvocationService} checks the rest
 * (the function exists and is callable, the payload matches its schema).
 *
 * @param payload any JSON value; an empty object when the caller sent none
 * @param delay how long after admission the invocation becomes claimable
 */
public record InvocationRequest(
    String agent,
    String function,
    JsonNode payload,
    Optional<String> idempotencyKey,
    Optional<Duration> timeout,
    Optional<Duration> attemptTimeout,
    Optional<RetryOverride> retry,
    Optional<Integer> priority,
    Optional<String> concurrencyKey,
    Duration delay,
    Optional<String> traceId,
    Optional<String> parentId,
    Optional<String> sessionId,
    Optional<String> lane,
    Optional<String> debounceKey) {
  /** The longest delay a caller may ask for: 30 days. */
  public static final Duration MAX_DELAY = Duration.ofDays(30);

  public InvocationRequest {
    Check.name(agent, "agent");
    Check.name(function, "function");
    Objects.requireNonNull(payload, "payload is null");
    Objects.requireNonNull(retry, "retry is null");
    idempotencyKey.ifPresent(k -> Check.optionalId(k, "idempotency_key"));
    concurrencyKey.ifPresent(k -> Check.optionalId(k, "concurrency_key"));
    traceId.ifPresent(k -> Check.optionalId(k, "trace_id"));
    parentId.ifPresent(k -> Check.optionalId(k, "parent_id"));
    sessionId.ifPresent(k -> Check.optionalId(k, "session_id"));
    Objects.requireNonNull(lane, "lane is null");
    lane.ifPresent(l -> Check.name(l, "lane"));
    Objects.requireNonNull(debounceKey, "debounceKey is null");
    debounceKey.ifPresent(k -> Check.optionalId(k, "debounce_key"));
    timeout.ifPresent(
        t -> Check.seconds((int) Math.min(Integer.MAX_VALUE, t.toSeconds()), "timeout_seconds"));
    attemptTimeout.ifPresent(t ->
        Check.seconds((int) Math.min(Integer.MAX_VALUE, t.toSeconds()), "attempt_timeout_seconds"));
    priority.ifPresent(p ->
        Check.range(p, p, InvocationSpec.MIN_PRIORITY, InvocationSpec.MAX_PRIORITY, "priority"));
    if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
      throw new ServiceException.Invalid(
          "delay_seconds must be between 0 and "
              + MAX_DELAY.toSeconds()
              + ", got "
              + delay.toSeconds());
    }
  }

  /** Starts a request from wire values; every setter takes {@code null} as "not given". */
  public static Builder builder(String agent, String function) {
    return new Builder(agent, function);
  }

  /** Collects the optional parts of a request from a door's wire form. */
  public static final class Builder {
    private final String agent;
    private final String function;
    private JsonNode payload = JsonNodeFactory.instance.objectNode();
    private String idempotencyKey;
    private Integer timeoutSeconds;
    private Integer attemptTimeoutSeconds;
    private RetryOverride retry;
    private Integer priority;
    private String lane;
    private String debounceKey;
    private String concurrencyKey;
    private Integer delaySeconds;
    private String traceId;
    private String parentId;
    private String sessionId;

    private Builder(String agent, String function) {
      this.agent = agent;
      this.function = function;
    }

    public Builder payload(JsonNode value) {
      this.payload = value == null ? JsonNodeFactory.instance.objectNode() : value;
      return this;
    }

    public Builder idempotencyKey(String value) {
      this.idempotencyKey = value;
      return this;
    }

    public Builder timeoutSeconds(Integer value) {
      this.timeoutSeconds = value;
      return this;
    }

    public Builder attemptTimeoutSeconds(Integer value) {
      this.attemptTimeoutSeconds = value;
      return this;
    }

    public Builder retry(RetryOverride value) {
      this.retry = value;
      return this;
    }

    public Builder priority(Integer value) {
      this.priority = value;
      return this;
    }

    public Builder concurrencyKey(String value) {
      this.concurrencyKey = value;
      return this;
    }

    public Builder delaySeconds(Integer value) {
      this.delaySeconds = value;
      return this;
    }

    public Builder traceId(String value) {
      this.traceId = value;
      return this;
    }

    public Builder parentId(String value) {
      this.parentId = value;
      return this;
    }

    public Builder sessionId(String value) {
      this.sessionId = value;
      return this;
    }

    /** Groups a debounced function's invocations into bursts; none: one burst per function. */
    public Builder debounceKey(String value) {
      this.debounceKey = value;
      return this;
    }

    /** One of the agent's lanes; none: the default lane. */
    public Builder lane(String value) {
      this.lane = value;
      return this;
    }

    /**
     * The checked request; {@link ServiceException.Invalid} names the first field that is wrong.
     */
    public InvocationRequest build() {
      // Ids and the delay are checked by the record itself; seconds are checked as they are
      // converted.
      return new InvocationRequest(
          agent,
          function,
          payload,
          Optional.ofNullable(idempotencyKey),
          Check.seconds(timeoutSeconds, "timeout_seconds"),
          Check.seconds(attemptTimeoutSeconds, "attempt_timeout_seconds"),
          Optional.ofNullable(retry),
          Optional.ofNullable(priority),
          Optional.ofNullable(concurrencyKey),
          Duration.ofSeconds(delaySeconds == null ? 0 : delaySeconds),
          Optional.ofNullable(traceId),
          Optional.ofNullable(parentId),
          Optional.ofNullable(sessionId),
          Optional.ofNullable(lane),
          Optional.ofNullable(debounceKey));
    }
  }
}
