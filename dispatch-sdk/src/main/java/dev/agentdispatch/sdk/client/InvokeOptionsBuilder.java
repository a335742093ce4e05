package dev.agentdispatch.sdk.client;

import dev.agentdispatch.sdk.model.RetryPolicy;
import java.time.Duration;
import java.util.Optional;

/** Fluent builder of {@link InvokeOptions}; {@link #build()} validates. */
public final class InvokeOptionsBuilder {
  private Optional<String> idempotencyKey = Optional.empty();
  private Optional<Integer> priority = Optional.empty();
  private Optional<Duration> timeout = Optional.empty();
  private Optional<Duration> attemptTimeout = Optional.empty();
  private Optional<RetryPolicy> retry = Optional.empty();
  private Optional<String> traceId = Optional.empty();
  private Optional<String> parentId = Optional.empty();
  private Optional<String> sessionId = Optional.empty();
  private Optional<String> concurrencyKey = Optional.empty();
  private Optional<Duration> delay = Optional.empty();
  private Optional<String> lane = Optional.empty();
  private Optional<String> debounceKey = Optional.empty();

  InvokeOptionsBuilder() {}

  InvokeOptionsBuilder(InvokeOptions o) {
    idempotencyKey = o.idempotencyKey();
    priority = o.priority();
    timeout = o.timeout();
    attemptTimeout = o.attemptTimeout();
    retry = o.retry();
    traceId = o.traceId();
    parentId = o.parentId();
    sessionId = o.sessionId();
    concurrencyKey = o.concurrencyKey();
    delay = o.delay();
    lane = o.lane();
    debounceKey = o.debounceKey();
  }

  /**
   * Sets the idempotency key.
   *
   * @param key the key
   * @return this builder
   */
  public InvokeOptionsBuilder idempotencyKey(String key) {
    idempotencyKey = Optional.of(key);
    return this;
  }

  /**
   * Sets the priority.
   *
   * @param value 0..9, higher first
   * @return this builder
   */
  public InvokeOptionsBuilder priority(int value) {
    priority = Optional.of(value);
    return this;
  }

  /**
   * Sets the overall deadline.
   *
   * @param value 1 s .. 24 h
   * @return this builder
   */
  public InvokeOptionsBuilder timeout(Duration value) {
    timeout = Optional.of(value);
    return this;
  }

  /**
   * Sets the bound of one attempt.
   *
   * @param value 1 s .. 24 h
   * @return this builder
   */
  public InvokeOptionsBuilder attemptTimeout(Duration value) {
    attemptTimeout = Optional.of(value);
    return this;
  }

  /**
   * Sets the retry policy.
   *
   * @param value the policy
   * @return this builder
   */
  public InvokeOptionsBuilder retry(RetryPolicy value) {
    retry = Optional.of(value);
    return this;
  }

  /**
   * Sets the trace to join.
   *
   * @param value the trace id
   * @return this builder
   */
  public InvokeOptionsBuilder traceId(String value) {
    traceId = Optional.of(value);
    return this;
  }

  /**
   * Sets the parent invocation.
   *
   * @param value the parent's invocation id
   * @return this builder
   */
  public InvokeOptionsBuilder parentId(String value) {
    parentId = Optional.of(value);
    return this;
  }

  /**
   * Sets the session.
   *
   * @param value the session id
   * @return this builder
   */
  public InvokeOptionsBuilder sessionId(String value) {
    sessionId = Optional.of(value);
    return this;
  }

  /**
   * Sets the concurrency key, which groups this invocation with others of one tenant or
   * conversation. When the function declares a {@code key_concurrency} ({@link
   * dev.agentdispatch.sdk.worker.Fn#keyConcurrency()}), the server keeps at most that many
   * invocations of the key under way at once: pending with a slot, or running, where a retry
   * waiting out its backoff keeps its slot. The rest wait pending ({@code blocked_by} {@code
   * concurrency:key}) and are let through by priority, then arrival; other keys are not held up.
   * With a rate limit {@code by_key} the key also has its own bucket. Without either, the key only
   * labels the invocation.
   *
   * @param value the key
   * @return this builder
   */
  public InvokeOptionsBuilder concurrencyKey(String value) {
    concurrencyKey = Optional.of(value);
    return this;
  }

  /**
   * Sets the delay before the invocation becomes available.
   *
   * @param value zero or more
   * @return this builder
   */
  public InvokeOptionsBuilder delay(Duration value) {
    delay = Optional.of(value);
    return this;
  }

  /**
   * Sets the lane the invocation runs in: one of the execution classes its agent declares ({@link
   * dev.agentdispatch.sdk.worker.WorkerBuilder#lane(String,
   * dev.agentdispatch.sdk.model.LaneSpec)}), sent as {@code lane}. The server refuses a lane the
   * agent does not declare with 400. The lane's {@code max_concurrency} and the other lanes'
   * reserved slots are counted when a worker leases work, over all workers and nodes; what is over
   * them waits pending ({@code blocked_by} {@code concurrency:lane}). With a degrade policy, the
   * lane's consecutive failures are counted apart from the other lanes', and a degraded lane holds
   * only its own invocations back ({@code blocked_by} {@code degraded:lane}). Without a lane the
   * invocation runs in the default lane.
   *
   * @param value the lane's name
   * @return this builder
   */
  public InvokeOptionsBuilder lane(String value) {
    lane = Optional.of(value);
    return this;
  }

  /**
   * Sets the debounce key, sent as {@code debounce_key}: which burst of a debounced function
   * ({@link dev.agentdispatch.sdk.model.Debounce}) this invocation belongs to. The server stores
   * the invocation waiting the function's debounce period and, in the same transaction, cancels the
   * invocation of the same function and key still waiting unstarted (its log gets a {@code
   * debounced} entry naming this one), so only the last of a burst runs, a period after the burst
   * ends (or at the latest the function's {@code max_wait} after the burst began). Invocations of a
   * debounced function without a key form one burst of their own. The server refuses a key for a
   * function without a debounce with 400.
   *
   * @param value the key, e.g. a document or conversation id
   * @return this builder
   */
  public InvokeOptionsBuilder debounceKey(String value) {
    debounceKey = Optional.of(value);
    return this;
  }

  /**
   * Validates and builds the options.
   *
   * @return the options
   */
  public InvokeOptions build() {
    return new InvokeOptions(
        idempotencyKey,
        priority,
        timeout,
        attemptTimeout,
        retry,
        traceId,
        parentId,
        sessionId,
        concurrencyKey,
        delay,
        lane,
        debounceKey);
  }
}
