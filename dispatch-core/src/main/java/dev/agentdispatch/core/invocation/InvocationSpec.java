package dev.agentdispatch.core.invocation;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The immutable part of an invocation: what was asked for. Never changes after creation. Build one
 * with {@link #builder}, which names each field and fills in the defaults.
 *
 * @param payloadJson the input, kept as the JSON text it arrived as (stored and forwarded unparsed)
 * @param requestHash fingerprint of the request, to tell a repeated idempotent request from a
 *     different one
 * @param keyConcurrency the most invocations of this function with the same {@code concurrencyKey}
 *     that may be under way at once (pending with a slot, or running), fixed at admission from the
 *     function's {@code key_concurrency}; only with a {@code concurrencyKey}
 * @param lane the agent's execution class this invocation runs in; absent: the default lane
 * @param parentSpanId the OpenTelemetry span (16 lower-case hex digits) this invocation's own span
 *     is a child of, in the trace {@code traceId} maps to: the span of the request that admitted
 *     it, or the caller's span its W3C {@code traceparent} named; absent: a root span
 */
public record InvocationSpec(
    String id,
    String namespace,
    String agent,
    String function,
    String payloadJson,
    int priority,
    RetryPolicy retry,
    Duration timeout,
    Optional<Duration> attemptTimeout,
    Optional<String> idempotencyKey,
    Optional<String> requestHash,
    String traceId,
    Optional<String> parentId,
    Optional<String> sessionId,
    Optional<String> concurrencyKey,
    Message message,
    Instant createdAt,
    Optional<Integer> keyConcurrency,
    Optional<String> lane,
    Optional<String> parentSpanId) {

  public static final int MIN_PRIORITY = 0;
  public static final int MAX_PRIORITY = 9;
  public static final int DEFAULT_PRIORITY = 5;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3600);
  public static final Duration MAX_TIMEOUT = Duration.ofSeconds(86_400);
  private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");

  public InvocationSpec {
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(namespace, "namespace is null");
    Objects.requireNonNull(agent, "agent is null");
    Objects.requireNonNull(function, "function is null");
    Objects.requireNonNull(payloadJson, "payloadJson is null");
    Objects.requireNonNull(retry, "retry is null");
    Objects.requireNonNull(timeout, "timeout is null");
    Objects.requireNonNull(attemptTimeout, "attemptTimeout is null");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey is null");
    Objects.requireNonNull(requestHash, "requestHash is null");
    Objects.requireNonNull(traceId, "traceId is null");
    Objects.requireNonNull(parentId, "parentId is null");
    Objects.requireNonNull(sessionId, "sessionId is null");
    Objects.requireNonNull(concurrencyKey, "concurrencyKey is null");
    Objects.requireNonNull(message, "message is null");
    Objects.requireNonNull(createdAt, "createdAt is null");
    Objects.requireNonNull(keyConcurrency, "keyConcurrency is null");
    Objects.requireNonNull(lane, "lane is null");
    Objects.requireNonNull(parentSpanId, "parentSpanId is null");
    parentSpanId.ifPresent(p -> {
      if (!SPAN_ID.matcher(p).matches() || p.equals("0000000000000000")) {
        throw new IllegalArgumentException(
            "parentSpanId must be 16 lower-case hex digits, not all zero, got '" + p + "'");
      }
    });
    keyConcurrency.ifPresent(k -> {
      if (k < 1) {
        throw new IllegalArgumentException("key_concurrency must be at least 1, got " + k);
      }
      if (concurrencyKey.isEmpty()) {
        throw new IllegalArgumentException("key_concurrency needs a concurrency_key");
      }
    });
    if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
      throw new IllegalArgumentException("priority must be between 0 and 9, got " + priority);
    }
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException("timeout must be between 1 s and 86400 s, got " + timeout);
    }
  }

  /** A spec without a per-key limit. */
  public InvocationSpec(
      String id,
      String namespace,
      String agent,
      String function,
      String payloadJson,
      int priority,
      RetryPolicy retry,
      Duration timeout,
      Optional<Duration> attemptTimeout,
      Optional<String> idempotencyKey,
      Optional<String> requestHash,
      String traceId,
      Optional<String> parentId,
      Optional<String> sessionId,
      Optional<String> concurrencyKey,
      Message message,
      Instant createdAt) {
    this(
        id,
        namespace,
        agent,
        function,
        payloadJson,
        priority,
        retry,
        timeout,
        attemptTimeout,
        idempotencyKey,
        requestHash,
        traceId,
        parentId,
        sessionId,
        concurrencyKey,
        message,
        createdAt,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * A builder for the invocation {@code id} of {@code agent}'s {@code function} in {@code
   * namespace}. Its {@code payloadJson}, {@code traceId} and {@code createdAt} must be set;
   * everything else defaults: priority {@link #DEFAULT_PRIORITY}, retry {@link
   * RetryPolicy#DEFAULT}, timeout {@link #DEFAULT_TIMEOUT}, message {@link Message#FUNCTION}, and
   * the optional fields empty.
   */
  public static Builder builder(String id, String namespace, String agent, String function) {
    return new Builder(id, namespace, agent, function);
  }

  /**
   * Names the fields of a spec one by one. Each setter takes the component's own type (optionals
   * included), so a value read from another spec or a request passes through unchanged. Ranges are
   * checked by {@link #build()}, through the record's constructor.
   */
  public static final class Builder {
    private final String id;
    private final String namespace;
    private final String agent;
    private final String function;
    // The three fields without a default are empty until set; build() refuses to run without them.
    private Optional<String> payloadJson = Optional.empty();
    private Optional<String> traceId = Optional.empty();
    private Optional<Instant> createdAt = Optional.empty();
    private int priority = DEFAULT_PRIORITY;
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Optional<Duration> attemptTimeout = Optional.empty();
    private Optional<String> idempotencyKey = Optional.empty();
    private Optional<String> requestHash = Optional.empty();
    private Optional<String> parentId = Optional.empty();
    private Optional<String> sessionId = Optional.empty();
    private Optional<String> concurrencyKey = Optional.empty();
    private Optional<Integer> keyConcurrency = Optional.empty();
    private Optional<String> lane = Optional.empty();
    private Optional<String> parentSpanId = Optional.empty();
    private Message message = Message.FUNCTION;

    private Builder(String id, String namespace, String agent, String function) {
      this.id = Objects.requireNonNull(id, "id is null");
      this.namespace = Objects.requireNonNull(namespace, "namespace is null");
      this.agent = Objects.requireNonNull(agent, "agent is null");
      this.function = Objects.requireNonNull(function, "function is null");
    }

    /** The input as raw JSON text. Required. */
    public Builder payloadJson(String payloadJson) {
      this.payloadJson = Optional.of(Objects.requireNonNull(payloadJson, "payloadJson is null"));
      return this;
    }

    /** The trace the invocation belongs to. Required. */
    public Builder traceId(String traceId) {
      this.traceId = Optional.of(Objects.requireNonNull(traceId, "traceId is null"));
      return this;
    }

    /** When the invocation was accepted. Required. */
    public Builder createdAt(Instant createdAt) {
      this.createdAt = Optional.of(Objects.requireNonNull(createdAt, "createdAt is null"));
      return this;
    }

    /**
     * Between {@link #MIN_PRIORITY} and {@link #MAX_PRIORITY}; default {@link #DEFAULT_PRIORITY}.
     */
    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    /** Default {@link RetryPolicy#DEFAULT}. */
    public Builder retry(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry, "retry is null");
      return this;
    }

    /** The overall deadline, counted from acceptance; default {@link #DEFAULT_TIMEOUT}. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout is null");
      return this;
    }

    /** The limit of one attempt; default none. */
    public Builder attemptTimeout(Optional<Duration> attemptTimeout) {
      this.attemptTimeout = Objects.requireNonNull(attemptTimeout, "attemptTimeout is null");
      return this;
    }

    /** Default none. */
    public Builder idempotencyKey(Optional<String> idempotencyKey) {
      this.idempotencyKey = Objects.requireNonNull(idempotencyKey, "idempotencyKey is null");
      return this;
    }

    /** Default none. */
    public Builder requestHash(Optional<String> requestHash) {
      this.requestHash = Objects.requireNonNull(requestHash, "requestHash is null");
      return this;
    }

    /** The invocation that started this one; default none. */
    public Builder parentId(Optional<String> parentId) {
      this.parentId = Objects.requireNonNull(parentId, "parentId is null");
      return this;
    }

    /** The session this invocation is a run of; default none. */
    public Builder sessionId(Optional<String> sessionId) {
      this.sessionId = Objects.requireNonNull(sessionId, "sessionId is null");
      return this;
    }

    /** Default none. */
    public Builder concurrencyKey(Optional<String> concurrencyKey) {
      this.concurrencyKey = Objects.requireNonNull(concurrencyKey, "concurrencyKey is null");
      return this;
    }

    /** The per-key limit in force for this invocation; default none. */
    public Builder keyConcurrency(Optional<Integer> keyConcurrency) {
      this.keyConcurrency = Objects.requireNonNull(keyConcurrency, "keyConcurrency is null");
      return this;
    }

    /** The agent's lane to run in; default none (the default lane). */
    public Builder lane(Optional<String> lane) {
      this.lane = Objects.requireNonNull(lane, "lane is null");
      return this;
    }

    /** The OpenTelemetry span the invocation's span is a child of; default none (a root). */
    public Builder parentSpanId(Optional<String> parentSpanId) {
      this.parentSpanId = Objects.requireNonNull(parentSpanId, "parentSpanId is null");
      return this;
    }

    /** How the invocation was started; default {@link Message#FUNCTION}. */
    public Builder message(Message message) {
      this.message = Objects.requireNonNull(message, "message is null");
      return this;
    }

    /**
     * The spec.
     *
     * @throws IllegalStateException if {@code payloadJson}, {@code traceId} or {@code createdAt}
     *     was not set
     * @throws IllegalArgumentException if the priority or timeout is out of range
     */
    public InvocationSpec build() {
      return new InvocationSpec(
          id,
          namespace,
          agent,
          function,
          required(payloadJson, "payloadJson"),
          priority,
          retry,
          timeout,
          attemptTimeout,
          idempotencyKey,
          requestHash,
          required(traceId, "traceId"),
          parentId,
          sessionId,
          concurrencyKey,
          message,
          required(createdAt, "createdAt"),
          keyConcurrency,
          lane,
          parentSpanId);
    }

    private static <T> T required(Optional<T> value, String name) {
      return value.orElseThrow(
          () -> new IllegalStateException(name + " is required but was not set"));
    }
  }
}
