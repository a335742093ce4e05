package dev.agentdispatch.sdk.worker;

import static java.util.Objects.requireNonNull;

import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.model.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Fluent builder of a {@link Worker}. Only the client, the agent and at least one handler object
 * are required; {@link #build()} validates the settings and every {@link Fn} signature.
 */
public final class WorkerBuilder {
  private DispatchClient client;
  private String agent;
  private final List<Object> handlers = new ArrayList<>();
  private Optional<String> workerId = Optional.empty();
  private Optional<String> description = Optional.empty();
  private Optional<String> version = Optional.empty();
  private int concurrency = Worker.DEFAULT_CONCURRENCY;
  private int leaseSeconds = Worker.DEFAULT_LEASE_SECONDS;
  private Duration pollWait = Worker.DEFAULT_POLL_WAIT;
  private Duration gracePeriod = Worker.DEFAULT_GRACE_PERIOD;
  private Duration completionLinger = Worker.DEFAULT_COMPLETION_LINGER;
  private int maxBatch = Worker.DEFAULT_MAX_BATCH;
  private boolean virtualThreads = true;
  private Optional<Integer> maxConcurrency = Optional.empty();
  private Optional<RateLimit> rateLimit = Optional.empty();
  private final Map<String, RateLimit> functionRateLimits = new LinkedHashMap<>();

  WorkerBuilder() {}

  /**
   * Sets the client the worker talks through.
   *
   * @param value the client
   * @return this builder
   */
  public WorkerBuilder client(DispatchClient value) {
    this.client = requireNonNull(value, "client is null");
    return this;
  }

  /**
   * Sets the agent the worker serves.
   *
   * @param name the agent name
   * @return this builder
   */
  public WorkerBuilder agent(String name) {
    this.agent = requireNonNull(name, "agent is null");
    return this;
  }

  /**
   * Adds an object whose {@link Fn} methods become the agent's functions.
   *
   * @param handler the object; may be called by many threads at once
   * @return this builder
   */
  public WorkerBuilder register(Object handler) {
    handlers.add(requireNonNull(handler, "handler is null"));
    return this;
  }

  /**
   * Sets this worker's id; by default agent, host, process id and a random suffix.
   *
   * @param value the id
   * @return this builder
   */
  public WorkerBuilder workerId(String value) {
    this.workerId = Optional.of(value);
    return this;
  }

  /**
   * Sets the agent's description, sent at registration.
   *
   * @param value the description
   * @return this builder
   */
  public WorkerBuilder description(String value) {
    this.description = Optional.of(value);
    return this;
  }

  /**
   * Sets the agent's version label, sent at registration.
   *
   * @param value the version
   * @return this builder
   */
  public WorkerBuilder version(String value) {
    this.version = Optional.of(value);
    return this;
  }

  /**
   * Sets the most handlers running at once in this worker process. It bounds this process only; for
   * a bound over all the agent's workers and server nodes, use {@link #maxConcurrency(int)} or
   * {@link Fn#maxConcurrency()}.
   *
   * @param value 1..1000, default {@value Worker#DEFAULT_CONCURRENCY}
   * @return this builder
   */
  public WorkerBuilder concurrency(int value) {
    this.concurrency = value;
    return this;
  }

  /**
   * Sets the lease length; heartbeats go every third of it.
   *
   * @param value 3..3600 seconds, default {@value Worker#DEFAULT_LEASE_SECONDS}
   * @return this builder
   */
  public WorkerBuilder leaseSeconds(int value) {
    this.leaseSeconds = value;
    return this;
  }

  /**
   * Sets how long one lease request may wait for work.
   *
   * @param value 0..60 s, default 20 s
   * @return this builder
   */
  public WorkerBuilder pollWait(Duration value) {
    this.pollWait = value;
    return this;
  }

  /**
   * Sets how long {@link Worker#stop()} lets running handlers finish.
   *
   * @param value zero or more, default 30 s
   * @return this builder
   */
  public WorkerBuilder gracePeriod(Duration value) {
    this.gracePeriod = value;
    return this;
  }

  /**
   * Sets how long a finished result waits for others to share its request.
   *
   * @param value 0..1 s, default 2 ms
   * @return this builder
   */
  public WorkerBuilder completionLinger(Duration value) {
    this.completionLinger = value;
    return this;
  }

  /**
   * Sets the most results or events in one request.
   *
   * @param value 1..1000, default {@value Worker#DEFAULT_MAX_BATCH}
   * @return this builder
   */
  public WorkerBuilder maxBatch(int value) {
    this.maxBatch = value;
    return this;
  }

  /**
   * Allows or forbids virtual threads for handlers (allowed by default; used only on Java 21+).
   *
   * @param allowed false to always use platform threads
   * @return this builder
   */
  public WorkerBuilder virtualThreads(boolean allowed) {
    this.virtualThreads = allowed;
    return this;
  }

  /**
   * Sets the agent-wide concurrency cap, sent at registration as {@code max_concurrency}: the most
   * of the agent's invocations running at once, over all its functions, workers and server nodes.
   * The server counts it when a worker leases work; what is over it waits pending (with {@code
   * blocked_by} {@code concurrency:agent}) until a running attempt ends. Without it the agent has
   * no cap of its own. A worker's registration replaces the agent's, so a cap set through the API
   * is dropped when a worker registers without one.
   *
   * @param value 1..100,000 (checked by {@link #build()})
   * @return this builder
   */
  public WorkerBuilder maxConcurrency(int value) {
    this.maxConcurrency = Optional.of(value);
    return this;
  }

  /**
   * Sets the agent-wide rate limit, sent at registration as {@code rate_limit}: every new
   * invocation of any of the agent's functions takes a token from it when it is created.
   *
   * @param value the limit, e.g. {@code RateLimit.of(600, Duration.ofMinutes(1)).throttle()}
   * @return this builder
   */
  public WorkerBuilder rateLimit(RateLimit value) {
    this.rateLimit = Optional.of(requireNonNull(value, "rate limit is null"));
    return this;
  }

  /**
   * Sets one function's rate limit, sent at registration as that function's {@code rate_limit}:
   * every new invocation of the function takes a token from it (and from the agent's, when there is
   * one). With {@link RateLimit#perKey()} each {@code concurrency_key} has its own bucket.
   *
   * @param function the function's name, as registered (checked by {@link #build()})
   * @param value the limit
   * @return this builder
   */
  public WorkerBuilder rateLimit(String function, RateLimit value) {
    functionRateLimits.put(
        requireNonNull(function, "function is null"), requireNonNull(value, "rate limit is null"));
    return this;
  }

  /**
   * Validates the settings and the handlers, and builds a worker that is not started yet.
   *
   * @return the worker
   * @throws IllegalArgumentException listing every invalid setting or {@link Fn} method
   */
  public Worker build() {
    if (client == null) {
      throw new IllegalArgumentException("client is required: call client(DispatchClient)");
    }
    if (agent == null) {
      throw new IllegalArgumentException("agent is required: call agent(String)");
    }
    if (handlers.isEmpty()) {
      throw new IllegalArgumentException(
          "no handlers: call register(Object) with an object that has @Fn methods");
    }
    WorkerConfig config =
        new WorkerConfig(
            agent,
            workerId.orElseGet(() -> WorkerIds.generate(agent)),
            description,
            version,
            concurrency,
            leaseSeconds,
            pollWait,
            gracePeriod,
            completionLinger,
            maxBatch,
            virtualThreads);
    List<FunctionHandler> scanned = HandlerScanner.scan(handlers);
    return new Worker(config, client, withRateLimits(scanned), maxConcurrency, rateLimit);
  }

  private List<FunctionHandler> withRateLimits(List<FunctionHandler> scanned) {
    List<String> names = scanned.stream().map(FunctionHandler::name).collect(Collectors.toList());
    List<String> unknown =
        functionRateLimits.keySet().stream()
            .filter(f -> !names.contains(f))
            .collect(Collectors.toList());
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "rateLimit(function, ...) names no function of this worker: "
              + unknown
              + "; its functions are "
              + names);
    }
    return scanned.stream()
        .map(h ->
            Optional.ofNullable(functionRateLimits.get(h.name()))
                .map(limit -> h.withSpec(h.spec().withRateLimit(limit)))
                .orElse(h))
        .collect(Collectors.toList());
  }
}
