package dev.agentdispatch.sdk.model;

import dev.agentdispatch.sdk.json.Normalize;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One function of an agent, as registered with the server.
 *
 * <p>The limits are enforced by the server (see {@link FlowState}): {@code maxConcurrency} is
 * counted when a worker leases work, over all workers and server nodes, and holds inside the
 * agent's own cap; {@code keyConcurrency} bounds how many invocations sharing a {@code
 * concurrency_key} are under way at once (pending with a slot, or running; a retry waiting out its
 * backoff keeps its slot, so one key's work runs in order); {@code rateLimit} is applied when an
 * invocation is created; {@code debounce} collapses a burst of invocations to its last one (see
 * {@link Debounce}).
 *
 * @param name the function name, unique within the agent
 * @param description what it does
 * @param inputSchema the JSON Schema of its payload
 * @param outputSchema the JSON Schema of its result
 * @param triggers how it is reached
 * @param retry its retry policy, when it overrides the server default
 * @param timeoutSeconds its overall deadline, when it overrides the server default
 * @param attemptTimeoutSeconds the bound of one attempt
 * @param maxConcurrency the most of its invocations running at once, 1..100,000; empty for no cap
 * @param keyConcurrency the most of its invocations of one {@code concurrency_key} under way at
 *     once, 1..100,000; empty for no per-key limit
 * @param rateLimit how fast its invocations may be created
 * @param debounce how bursts of its invocations collapse to their last one
 */
public record FunctionSpec(
    String name,
    Optional<String> description,
    Optional<JsonNode> inputSchema,
    Optional<JsonNode> outputSchema,
    List<Trigger> triggers,
    Optional<RetryPolicy> retry,
    Optional<Integer> timeoutSeconds,
    Optional<Integer> attemptTimeoutSeconds,
    Optional<Integer> maxConcurrency,
    Optional<Integer> keyConcurrency,
    Optional<RateLimit> rateLimit,
    Optional<Debounce> debounce) {

  /** The largest concurrency cap the server accepts. */
  public static final int MAX_CONCURRENCY = Caps.MAX;

  /** Checks the name and the caps, and normalises absent fields. */
  public FunctionSpec {
    Normalize.requireText(name, "function name");
    description = Normalize.optional(description);
    inputSchema = Normalize.json(inputSchema);
    outputSchema = Normalize.json(outputSchema);
    triggers = Normalize.list(triggers);
    retry = Normalize.optional(retry);
    timeoutSeconds = Normalize.optional(timeoutSeconds);
    attemptTimeoutSeconds = Normalize.optional(attemptTimeoutSeconds);
    maxConcurrency = Caps.check(maxConcurrency, "maxConcurrency of function '" + name + "'");
    keyConcurrency = Caps.check(keyConcurrency, "keyConcurrency of function '" + name + "'");
    rateLimit = Normalize.optional(rateLimit);
    debounce = Normalize.optional(debounce);
  }

  /**
   * Returns a copy with a concurrency cap.
   *
   * @param cap 1..100,000
   * @return the new spec
   */
  public FunctionSpec withMaxConcurrency(int cap) {
    return new FunctionSpec(
        name,
        description,
        inputSchema,
        outputSchema,
        triggers,
        retry,
        timeoutSeconds,
        attemptTimeoutSeconds,
        Optional.of(cap),
        keyConcurrency,
        rateLimit,
        debounce);
  }

  /**
   * Returns a copy with a per-key limit.
   *
   * @param cap 1..100,000 invocations of one {@code concurrency_key} under way at once
   * @return the new spec
   */
  public FunctionSpec withKeyConcurrency(int cap) {
    return new FunctionSpec(
        name,
        description,
        inputSchema,
        outputSchema,
        triggers,
        retry,
        timeoutSeconds,
        attemptTimeoutSeconds,
        maxConcurrency,
        Optional.of(cap),
        rateLimit,
        debounce);
  }

  /**
   * Returns a copy with a rate limit.
   *
   * @param limit the limit
   * @return the new spec
   */
  public FunctionSpec withRateLimit(RateLimit limit) {
    return new FunctionSpec(
        name,
        description,
        inputSchema,
        outputSchema,
        triggers,
        retry,
        timeoutSeconds,
        attemptTimeoutSeconds,
        maxConcurrency,
        keyConcurrency,
        Optional.of(limit),
        debounce);
  }

  /**
   * Returns a copy with a debounce.
   *
   * @param value the debounce
   * @return the new spec
   */
  public FunctionSpec withDebounce(Debounce value) {
    return new FunctionSpec(
        name,
        description,
        inputSchema,
        outputSchema,
        triggers,
        retry,
        timeoutSeconds,
        attemptTimeoutSeconds,
        maxConcurrency,
        keyConcurrency,
        rateLimit,
        Optional.of(value));
  }
}
