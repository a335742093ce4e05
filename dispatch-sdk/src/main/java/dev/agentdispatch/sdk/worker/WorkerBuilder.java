package dev.agentdispatch.sdk.worker;

import static java.util.Objects.requireNonNull;

import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.model.Debounce;
import dev.agentdispatch.sdk.model.DegradeMode;
import dev.agentdispatch.sdk.model.DegradePolicy;
import dev.agentdispatch.sdk.model.LaneSpec;
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
  private final Map<String, LaneSpec> lanes = new LinkedHashMap<>();
  private Optional<DegradePolicy> degrade = Optional.empty();
  private List<String> capabilities = List.of();
  private Optional<Integer> maxOpenTasks = Optional.empty();
  private Optional<String> taskFunction = Optional.empty();
  private final Map<String, Debounce> functionDebounces = new LinkedHashMap<>();
  private Optional<Object> openTelemetry = Optional.empty();

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
   * Declares a lane of the agent, sent at registration in its {@code lanes}: an execution class
   * that invocations name with {@link
   * dev.agentdispatch.sdk.client.InvokeOptionsBuilder#lane(String)} (the server refuses an
   * undeclared lane with 400). The server counts the lane's cap and reserve when a worker leases
   * work; see {@link LaneSpec}. Declaring a lane again replaces it. Reserving slots needs an agent
   * cap ({@link #maxConcurrency(int)}) at least as large as all reserves together (checked by
   * {@link #build()}).
   *
   * @param name the lane: 1-128 letters, digits, {@code _} or {@code -}, starting with a letter or
   *     digit (checked by {@link #build()})
   * @param value its cap and reserve, e.g. {@code LaneSpec.reserving(5)}
   * @return this builder
   */
  public WorkerBuilder lane(String name, LaneSpec value) {
    lanes.put(requireNonNull(name, "lane name is null"), requireNonNull(value, "lane is null"));
    return this;
  }

  /**
   * Declares a lane with a cap of its own and reserved slots of the agent's cap: {@link
   * #lane(String, LaneSpec)} with {@code LaneSpec.capped(maxConcurrency).withReserved(reserved)}.
   *
   * @param name the lane
   * @param maxConcurrency the most of the lane's invocations running at once, 1..100,000
   * @param reserved slots of the agent's cap kept for the lane, 0..100,000
   * @return this builder
   * @throws IllegalArgumentException when a number is out of range
   */
  public WorkerBuilder lane(String name, int maxConcurrency, int reserved) {
    return lane(name, LaneSpec.capped(maxConcurrency).withReserved(reserved));
  }

  /**
   * Sets the agent's degrade policy, sent at registration as {@code degrade}: after {@code
   * afterFailures} consecutive failed attempts in one execution class (a lane, or the default lane)
   * the server pauses that class until it is reset ({@link DegradeMode#PAUSE}, see {@link
   * DispatchClient#resetClass(String, Optional)}) or runs it one attempt at a time until one
   * completes ({@link DegradeMode#SLOW}). See {@link DegradePolicy}.
   *
   * @param afterFailures 1..10,000
   * @param mode what a degraded class's dispatch does
   * @return this builder
   * @throws IllegalArgumentException when {@code afterFailures} is out of range
   */
  public WorkerBuilder degrade(int afterFailures, DegradeMode mode) {
    this.degrade =
        Optional.of(new DegradePolicy(afterFailures, requireNonNull(mode, "mode is null")));
    return this;
  }

  /**
   * Declares the routed task types the agent serves (docs/task-routing.md), sent at registration as
   * {@code capabilities}; tasks arrive as invocations of {@code handle_task} unless {@link
   * #taskFunction(String)} names another of its functions.
   *
   * @param types task types, e.g. {@code code_review}
   * @param maxOpenTasks the most tasks it holds at once (assigned or in progress); 0: no cap
   * @return this builder
   */
  public WorkerBuilder tasks(List<String> types, int maxOpenTasks) {
    this.capabilities = List.copyOf(types);
    this.maxOpenTasks = maxOpenTasks > 0 ? Optional.of(maxOpenTasks) : Optional.empty();
    return this;
  }

  /**
   * Names the function routed tasks are invoked on (default {@code handle_task}).
   *
   * @param function one of the agent's functions
   * @return this builder
   */
  public WorkerBuilder taskFunction(String function) {
    this.taskFunction = Optional.of(requireNonNull(function, "function is null"));
    return this;
  }

  /**
   * Debounces one function, sent at registration as that function's {@code debounce}: a burst of
   * its invocations with the same {@code debounce_key} runs once, with the last payload, {@code
   * period} after the burst ends; see {@link Debounce}.
   *
   * @param function the function's name, as registered (checked by {@link #build()})
   * @param period whole seconds, 1 s .. 1 day
   * @return this builder
   * @throws IllegalArgumentException when {@code period} is out of range
   */
  public WorkerBuilder debounce(String function, Duration period) {
    return debounce(function, Debounce.of(period));
  }

  /**
   * Debounces one function with a maximum wait: as {@link #debounce(String, Duration)}, and a
   * steady stream still runs {@code maxWait} after its first invocation.
   *
   * @param function the function's name, as registered (checked by {@link #build()})
   * @param period whole seconds, 1 s .. 1 day
   * @param maxWait whole seconds, {@code period} .. 7 days
   * @return this builder
   * @throws IllegalArgumentException when a duration is out of range
   */
  public WorkerBuilder debounce(String function, Duration period, Duration maxWait) {
    return debounce(function, Debounce.of(period).withMaxWait(maxWait));
  }

  /**
   * Debounces one function; see {@link Debounce}.
   *
   * @param function the function's name, as registered (checked by {@link #build()})
   * @param value the debounce
   * @return this builder
   */
  public WorkerBuilder debounce(String function, Debounce value) {
    functionDebounces.put(
        requireNonNull(function, "function is null"), requireNonNull(value, "debounce is null"));
    return this;
  }

  /**
   * Traces each handler run with {@code value}: a span per run, child of the server's span of the
   * attempt, current while the handler runs (its own spans and the requests it makes hang under
   * it). Without this, a global OpenTelemetry is used when one is set; without either, runs are not
   * traced but still pass the server's trace on. Needs the OpenTelemetry API on the class path.
   *
   * @param value the OpenTelemetry to make spans with
   * @return this builder
   */
  public WorkerBuilder openTelemetry(io.opentelemetry.api.OpenTelemetry value) {
    this.openTelemetry = Optional.of(java.util.Objects.requireNonNull(value, "value is null"));
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
    List<String> names = scanned.stream().map(FunctionHandler::name).collect(Collectors.toList());
    requireKnown("rateLimit", functionRateLimits, names);
    requireKnown("debounce", functionDebounces, names);
    List<FunctionHandler> limited =
        scanned.stream().map(this::withFunctionLimits).collect(Collectors.toList());
    // The registration checks the lanes (names, reserves against the cap) when it is built.
    return new Worker(
        config,
        client,
        limited,
        new Worker.AgentFlow(
            maxConcurrency,
            rateLimit,
            new LinkedHashMap<>(lanes),
            degrade,
            capabilities,
            maxOpenTasks,
            taskFunction),
        HandlerTracing.of(openTelemetry));
  }

  private FunctionHandler withFunctionLimits(FunctionHandler handler) {
    FunctionHandler out = handler;
    RateLimit limit = functionRateLimits.get(handler.name());
    if (limit != null) {
      out = out.withSpec(out.spec().withRateLimit(limit));
    }
    Debounce debounce = functionDebounces.get(handler.name());
    if (debounce != null) {
      out = out.withSpec(out.spec().withDebounce(debounce));
    }
    return out;
  }

  private static void requireKnown(String setting, Map<String, ?> byFunction, List<String> names) {
    List<String> unknown =
        byFunction.keySet().stream().filter(f -> !names.contains(f)).collect(Collectors.toList());
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          setting
              + "(function, ...) names no function of this worker: "
              + unknown
              + "; its functions are "
              + names);
    }
  }
}
