package dev.agentdispatch.sdk.worker;

import dev.agentdispatch.sdk.client.DispatchApiException;
import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.client.DispatchUnreachableException;
import dev.agentdispatch.sdk.model.AgentRegistration;
import dev.agentdispatch.sdk.model.DegradePolicy;
import dev.agentdispatch.sdk.model.FunctionSpec;
import dev.agentdispatch.sdk.model.LaneSpec;
import dev.agentdispatch.sdk.model.RateLimit;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one agent's {@link Fn} methods: registers the agent, leases work in batches, runs each
 * attempt on its own (virtual, when available) thread, heartbeats, and reports results in batches.
 *
 * <pre>{@code
 * Worker worker = Worker.builder().client(client).agent("greeter").register(new GreeterAgent())
 *     .concurrency(16).build().start();
 * ...
 * worker.stop(); // graceful
 * }</pre>
 */
public final class Worker implements AutoCloseable {
  /** Default number of handlers running at once. */
  public static final int DEFAULT_CONCURRENCY = 16;

  /** Default lease length in seconds. */
  public static final int DEFAULT_LEASE_SECONDS = 30;

  /** Default wait of one lease request. */
  public static final Duration DEFAULT_POLL_WAIT = Duration.ofSeconds(20);

  /** Default time running handlers get to finish on {@link #stop()}. */
  public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(30);

  /** Default wait of a finished result for others to share its request. */
  public static final Duration DEFAULT_COMPLETION_LINGER = Duration.ofMillis(2);

  /** Default most results in one request. */
  public static final int DEFAULT_MAX_BATCH = 100;

  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  private enum Phase {
    NEW,
    RUNNING,
    STOPPED
  }

  private final WorkerConfig config;
  private final DispatchClient client;
  private final Map<String, FunctionHandler> handlers;
  private final AgentRegistration registration;
  private final HandlerTracing tracing;
  private Phase phase = Phase.NEW;
  private WorkerRuntime runtime;

  Worker(
      WorkerConfig config,
      DispatchClient client,
      List<FunctionHandler> handlers,
      AgentFlow flow,
      HandlerTracing tracing) {
    this.tracing = tracing;
    this.config = config;
    this.client = client;
    this.handlers = new LinkedHashMap<>();
    handlers.forEach(h -> this.handlers.put(h.name(), h));
    this.registration =
        new AgentRegistration(
            config.description(),
            handlers.stream().map(FunctionHandler::spec).collect(Collectors.toList()),
            config.version(),
            Map.of(),
            flow.maxConcurrency(),
            flow.rateLimit(),
            flow.lanes(),
            flow.degrade(),
            flow.capabilities(),
            flow.maxOpenTasks(),
            flow.taskFunction());
  }

  /** The agent-wide flow control a worker declares in its registration. */
  record AgentFlow(
      Optional<Integer> maxConcurrency,
      Optional<RateLimit> rateLimit,
      Map<String, LaneSpec> lanes,
      Optional<DegradePolicy> degrade,
      List<String> capabilities,
      Optional<Integer> maxOpenTasks,
      Optional<String> taskFunction) {}

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static WorkerBuilder builder() {
    return new WorkerBuilder();
  }

  /**
   * Registers the agent and starts serving. When the server is unreachable or busy (429, 5xx),
   * registration and leasing are retried in the background with backoff.
   *
   * @return this worker
   * @throws DispatchApiException when the server refuses the registration (e.g. 401, or an invalid
   *     schema)
   * @throws IllegalStateException when started twice
   */
  public synchronized Worker start() {
    if (phase != Phase.NEW) {
      throw new IllegalStateException("worker " + config.workerId() + " was already started");
    }
    runtime = new WorkerRuntime(config, client, registration, handlers, register(), tracing);
    runtime.start();
    phase = Phase.RUNNING;
    LOG.info(
        "worker {} serving {} {} on {} (concurrency {}, {} threads)",
        config.workerId(),
        config.agent(),
        handlers.keySet(),
        client.config().baseUrl(),
        config.concurrency(),
        runtime.usesVirtualThreads() ? "virtual" : "platform");
    return this;
  }

  private boolean register() {
    try {
      client.upsertAgent(config.agent(), registration);
      return true;
    } catch (DispatchUnreachableException e) {
      LOG.warn("{}; will keep trying to register agent {}", e.getMessage(), config.agent());
      return false;
    } catch (DispatchApiException e) {
      if (!e.isTransient()) {
        throw e; // a refused registration (401, bad schema...) is a bug to fix, not to retry
      }
      LOG.warn("{}; will keep trying to register agent {}", e.getMessage(), config.agent());
      return false;
    }
  }

  /** Stops gracefully, giving running handlers the configured grace period. */
  public void stop() {
    stop(config.gracePeriod());
  }

  /**
   * Stops gracefully: no new leases, running handlers get {@code grace} to finish and their results
   * are sent; handlers still running then are interrupted and their leases left to expire.
   *
   * @param grace how long running handlers may take
   */
  public synchronized void stop(Duration grace) {
    if (phase == Phase.RUNNING) {
      LOG.info("worker {} stopping (grace {} s)", config.workerId(), grace.toSeconds());
      runtime.shutdown(grace);
      LOG.info("worker {} stopped", config.workerId());
    }
    phase = Phase.STOPPED;
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /**
   * Tells whether the worker was started and not stopped.
   *
   * @return true while serving
   */
  public synchronized boolean isRunning() {
    return phase == Phase.RUNNING;
  }

  /**
   * Returns the worker's settings.
   *
   * @return the frozen configuration
   */
  public WorkerConfig config() {
    return config;
  }

  /**
   * Returns what the worker registers: the agent's description and functions with their schemas,
   * and the limits set on the builder and in {@link Fn}.
   *
   * @return the registration body
   */
  public AgentRegistration registration() {
    return registration;
  }

  /**
   * Returns the functions served, with their generated schemas.
   *
   * @return the function specs, in registration order
   */
  public List<FunctionSpec> functions() {
    return registration.functions();
  }

  /**
   * Tells whether handlers run on virtual threads (known once started).
   *
   * @return true when started on a JVM with virtual threads
   */
  public synchronized boolean usesVirtualThreads() {
    return runtime != null && runtime.usesVirtualThreads();
  }

  @Override
  public String toString() {
    return "Worker[" + config.workerId() + ", agent=" + config.agent() + ", " + phase + "]";
  }
}
