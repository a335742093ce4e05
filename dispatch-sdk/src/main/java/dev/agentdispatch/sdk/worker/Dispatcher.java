package dev.agentdispatch.sdk.worker;

import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.model.CompletionResult;
import dev.agentdispatch.sdk.model.InvocationError;
import dev.agentdispatch.sdk.model.Lease;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each granted lease on its own handler thread and queues exactly one outcome for it. The slot
 * a lease holds is freed only after its outcome is queued, so "all slots free" means "all outcomes
 * queued".
 */
final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final WorkerConfig config;
  private final DispatchClient client;
  private final Map<String, FunctionHandler> handlers;
  private final WorkerState state;
  private final HandlerTracing tracing;
  // One logger per function, looked up once: a lookup per lease builds its name and walks the
  // logging backend's registry on every invocation.
  private final Map<String, Logger> functionLoggers =
      new java.util.concurrent.ConcurrentHashMap<>();

  Dispatcher(
      WorkerConfig config,
      DispatchClient client,
      Map<String, FunctionHandler> handlers,
      WorkerState state,
      HandlerTracing tracing) {
    this.tracing = tracing;
    this.config = config;
    this.client = client;
    this.handlers = handlers;
    this.state = state;
  }

  /** Starts the lease; the caller has taken one slot for it. */
  void dispatch(Lease lease) {
    FunctionHandler handler = handlers.get(lease.function());
    if (handler == null) {
      state.outbox().result(unknownFunction(lease));
      state.slots().release(1);
      return;
    }
    RunningLease running = new RunningLease(lease);
    state.registry().add(running);
    try {
      state.threads().execute(() -> run(running, handler));
    } catch (RejectedExecutionException e) {
      // Only during shutdown; the lease expires and the server retries it elsewhere.
      state.registry().remove(lease.leaseId());
      state.slots().release(1);
    }
  }

  private void run(RunningLease running, FunctionHandler handler) {
    running.attach(Thread.currentThread());
    LeaseContext context = context(running);
    CurrentContext.set(context);
    try {
      if (running.isStopRequested()) {
        return; // cancelled or lost before its thread started: do not run it at all
      }
      CompletionResult outcome;
      try (HandlerTracing.Run trace = tracing.begin(running.lease())) {
        outcome =
            outcome(running, handler, context, trace).withConsumedInputs(context.consumedInputs());
      }
      if (running.finish() && !state.outbox().result(outcome)) {
        LOG.warn("worker is shut down; the result of lease {} was not sent", running.leaseId());
      }
    } finally {
      CurrentContext.clear();
      running.detach();
      Thread.interrupted(); // a cancel may have interrupted us; do not leak it to a pooled thread
      state.registry().remove(running.leaseId());
      state.slots().release(1);
    }
  }

  private CompletionResult outcome(
      RunningLease running, FunctionHandler handler, Context context, HandlerTracing.Run trace) {
    Lease lease = running.lease();
    try {
      return CompletionResult.completed(lease.leaseId(), handler.call(lease.payload(), context));
    } catch (WaitingForInput waiting) {
      return CompletionResult.waitingForInput(lease.leaseId(), waiting.prompt());
    } catch (Throwable thrown) {
      trace.failed(thrown);
      CompletionResult failure = ErrorReports.failure(lease.leaseId(), thrown);
      if (!running.isStopRequested()) {
        LOG.warn(
            "{}.{} failed on attempt {} of invocation {}: {}",
            lease.agent(),
            lease.function(),
            lease.attempt(),
            lease.invocationId(),
            failure.error().map(Object::toString).orElse(""));
      }
      return failure;
    }
  }

  private LeaseContext context(RunningLease running) {
    Lease lease = running.lease();
    Logger local =
        functionLoggers.computeIfAbsent(
            lease.function(),
            f -> LoggerFactory.getLogger("dispatch.agent." + config.agent() + "." + f));
    java.util.function.Consumer<dev.agentdispatch.sdk.model.WorkerEvent> events =
        event -> state.outbox().event(new LeaseEvent(lease.leaseId(), event));
    InvocationLogger logger =
        new StreamingLogger(local, lease.invocationId(), events, client.config().clock());
    return new LeaseContext(running, client, logger, events);
  }

  private CompletionResult unknownFunction(Lease lease) {
    String message =
        "worker "
            + config.workerId()
            + " of agent "
            + config.agent()
            + " has no function '"
            + lease.function()
            + "' (it serves "
            + handlers.keySet()
            + ")";
    LOG.error(message);
    return CompletionResult.error(
        lease.leaseId(), InvocationError.of(message, "UnknownFunction"), false);
  }
}
