package dev.agentdispatch.runtime.session;

import dev.agentdispatch.runtime.events.AgentEvent;
import dev.agentdispatch.runtime.events.AgentEvents;
import dev.agentdispatch.runtime.events.AgentFailureClass;
import dev.agentdispatch.runtime.governance.GovernanceBreachException;
import dev.agentdispatch.runtime.governance.GovernancePlane;
import dev.agentdispatch.runtime.handoff.Handoff;
import dev.agentdispatch.runtime.hooks.HookContext;
import dev.agentdispatch.runtime.hooks.Hooks;
import dev.agentdispatch.runtime.lifecycle.AgentStatus;
import dev.agentdispatch.runtime.lifecycle.AgentWorker;
import dev.agentdispatch.runtime.policy.PhaseContext;
import dev.agentdispatch.runtime.policy.PolicyActionData;
import dev.agentdispatch.runtime.quality.QualityGateOutcome;
import dev.agentdispatch.runtime.quality.QualityLevel;
import dev.agentdispatch.runtime.recovery.ContextBudget;
import dev.agentdispatch.runtime.recovery.ProviderState;
import dev.agentdispatch.runtime.recovery.RecoveryExecutor;
import dev.agentdispatch.runtime.retry.RecoveryContext;
import dev.agentdispatch.runtime.retry.RecoveryEvent;
import dev.agentdispatch.runtime.retry.StepRunner;
import dev.agentdispatch.runtime.telemetry.Activation;
import dev.agentdispatch.runtime.telemetry.SessionIdentity;
import dev.agentdispatch.runtime.telemetry.SessionTelemetry;
import dev.agentdispatch.runtime.telemetry.SessionTrace;
import dev.agentdispatch.runtime.telemetry.TurnTrace;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import dev.agentdispatch.runtime.usage.UsageTracker;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * One run of an agent: a worker in the registry, a usage tracker, a recovery context, and the
 * {@code runTurn} / {@code runTool} pipelines of the specification. Thread-safe, but turns are
 * meant to run one after another; parallel tools have {@link #runParallelTools}.
 *
 * <p>{@link #close()} is the normal exit: it completes a session that is still active, whatever
 * turns or tools failed and were caught on the way. It cannot see an exception leaving a {@code try
 * (Session s = agent.session()) { ... }} block, so such a block reports one with {@link
 * #fail(Throwable)}; {@link AgentSession#run} is the exact equivalent of the Python context manager
 * and does that itself.
 */
public final class Session implements AutoCloseable {
  private final SessionConfig config;
  private final Optional<String> threadId;
  private final AgentWorker worker;
  private final UsageTracker tracker;
  private final RecoveryContext recovery;
  private final ProviderState providers;
  private final ContextBudget contextBudget;
  private final SessionEvents events;
  private final SessionTrace trace;
  private final TurnInvoker invoker;
  private final UsageAccounting accounting;
  private final TurnCheckpoints checkpoints;
  private final ToolPipeline tools;
  private final SessionGovernance governance;
  private final Duration createdAt;
  private int iterations;
  private volatile boolean lastStreamCancelled;
  private CompletableFuture<Object> pendingInput;
  private final Object endLock = new Object();

  Session(SessionConfig config, SessionTelemetry telemetry, Optional<String> threadId) {
    this.config = config;
    // Validate before any worker exists, as the Python library does.
    this.threadId =
        threadId.map(t -> dev.agentdispatch.runtime.internal.Checks.nonBlank(t, "thread_id"));
    this.worker = config.registry().create(config.role(), config.phase(), config.projectId());
    worker.transition(AgentStatus.INITIALIZING);
    worker.transition(AgentStatus.RUNNING);
    this.createdAt = config.clock().monotonic();
    this.tracker = new UsageTracker(config.pricing());
    this.providers = new ProviderState(config.initialProvider());
    config.initialProvider().ifPresent(worker::providerUsed);
    this.contextBudget =
        new ContextBudget(
            config.contextBudgetChars(),
            dev.agentdispatch.runtime.retry.RecoveryHelpers.DEFAULT_REDUCTION);
    AgentEvents factory = new AgentEvents(config.clock());
    this.trace =
        telemetry.open(
            new SessionIdentity(
                config.role(),
                config.phase(),
                worker.workerId(),
                config.projectId(),
                this.threadId));
    this.events =
        new SessionEvents(
            config.eventSink(), config.projectId(), factory, config.role(), config.phase(), trace);
    Optional<RecoveryExecutor> executor = config.recovery().map(this::newExecutor);
    this.recovery =
        new RecoveryContext(
            config.recipes(),
            executor.<StepRunner>map(e -> e).orElse(StepRunner.BOOKKEEPING),
            config.clock());
    this.invoker =
        new TurnInvoker(
            config,
            recovery,
            executor,
            providers,
            contextBudget,
            events,
            worker.workerId(),
            this::beforeRetry);
    this.accounting = new UsageAccounting(config, tracker, events);
    this.checkpoints = new TurnCheckpoints(config.saver(), this.threadId);
    this.governance = new SessionGovernance(config, events);
    this.tools = new ToolPipeline(config, events, trace, governance);
    events.emit(factory.started(config.role(), config.phase()));
  }

  private RecoveryExecutor newExecutor(RecoveryExecutor.Config rc) {
    RecoveryExecutor.Config withRouter =
        rc.router().isPresent() || config.providerRouter().isEmpty()
            ? rc
            : new RecoveryExecutor.Config(
                rc.backoff(),
                rc.random(),
                rc.clock(),
                config.providerRouter(),
                rc.escalationHandler(),
                rc.actions());
    RecoveryExecutor executor =
        new RecoveryExecutor(
            withRouter,
            providers,
            contextBudget,
            new RecoveryExecutor.Identity(config.role(), config.phase(), worker.workerId()));
    executor.onProviderSwitch((from, to) -> {
      worker.providerUsed(to);
      events.emit(events.factory().providerSwitched(config.role(), config.phase(), from, to));
    });
    return executor;
  }

  /** Runs a turn with default options. */
  public <T> TurnResult<T> runTurn(TurnCall<T> fn) {
    return runTurn(fn, TurnOptions.defaults());
  }

  /**
   * Runs one model turn, in the specification's order: idempotent replay; rate limit (rpm);
   * iteration cap; before-model hooks; the call through the breaker (with timeout, recovery);
   * after-model hooks; usage (explicit, estimated, or empty); rate limit (tokens); usage, budget
   * and limits; checkpoint.
   */
  @SuppressWarnings("unchecked")
  public <T> TurnResult<T> runTurn(TurnCall<T> fn, TurnOptions options) {
    Optional<TurnResult<Object>> replayed =
        checkpoints.replay(options.idempotencyKey(), options.resultType());
    if (replayed.isPresent()) {
      checkIterationCap();
      governance.beforeTurn();
      return (TurnResult<T>) replayed.get();
    }
    return traced(options, turn -> callModel(fn, options, turn));
  }

  @SuppressWarnings("unchecked")
  private <T> TurnResult<T> callModel(TurnCall<T> fn, TurnOptions options, TurnTrace turn) {
    acquirePreCall();
    checkIterationCap();
    governance.beforeTurn();
    HookContext hooks = resolveHookContext(options.hookContext());
    if (hooks.model().isEmpty()) {
      hooks.model(options.model());
    }
    Hooks.beforeModel(config.hooks(), hooks);
    T raw;
    try {
      raw = invoker.invoke(fn, hooks, options);
    } catch (RuntimeException e) {
      turnFailed(e);
      throw e;
    }
    Object result = Hooks.afterModel(config.hooks(), hooks, raw);
    UsageSnapshot usage =
        options
            .usage()
            .or(() -> options.estimateUsage().map(est -> est.apply(result)))
            .orElse(UsageSnapshot.EMPTY);
    config
        .rateLimiter()
        .ifPresent(
            rl -> unchecked(() -> rl.acquireUsage(usage.inputTokens(), usage.outputTokens())));
    double cost = account(options, result, usage, turn);
    checkpoints.persist(result, usage, options.model(), options.idempotencyKey());
    governance.turnSucceeded(cost);
    return new TurnResult<>((T) result, usage);
  }

  /**
   * Runs a turn whose text output must satisfy {@code spec}, re-asking on a violation: the output
   * is parsed with {@link dev.agentdispatch.runtime.output.OutputSpec#parse}; when it throws {@link
   * dev.agentdispatch.runtime.output.OutputValidationException}, an {@code agent.failed} warning
   * (class {@code validation_error}, data {kind: "output_spec", attempt, reask}) is emitted and, up
   * to {@code maxReasks} times, another turn is run with the violation's message handed to {@code
   * fn}. Each attempt is a full turn (iteration cap, governance, usage, budget). After the last
   * re-ask the violation is thrown. With an idempotency key, re-ask {@code n} uses {@code
   * key#reask-n}, so a replay never returns the answer that was refused.
   */
  public <T> TurnResult<T> runTurnValidated(
      ReaskingCall fn,
      dev.agentdispatch.runtime.output.OutputSpec<T> spec,
      TurnOptions options,
      int maxReasks) {
    return ValidatedTurn.run(this, events, fn, spec, options, maxReasks);
  }

  /**
   * Runs one turn inside its trace: the trace is current while the turn runs, and ends with the
   * turn's outcome (a failure with its classified failure class).
   */
  @SuppressWarnings("try") // the activation holds the turn current for the block, unreferenced
  private <R> R traced(TurnOptions options, Function<TurnTrace, R> body) {
    TurnTrace turn = trace.turn(options.model(), providers.current());
    try (Activation ignored = turn.activate()) {
      R result = body.apply(turn);
      turn.succeeded();
      return result;
    } catch (RuntimeException | Error e) {
      turn.failed(e, FailureClassification.forException(e));
      throw e;
    }
  }

  /**
   * Step 11 of the turn: usage and cost are recorded (and told to the trace) before budgets and
   * limits are checked, so an overrun still counts the tokens it spent.
   */
  double account(TurnOptions options, Object result, UsageSnapshot usage, TurnTrace turn) {
    double cost = accounting.record(options.model(), usage);
    turn.usage(options.model(), providers.current(), usage, cost);
    options.responseModel().flatMap(read -> read.apply(result)).ifPresent(turn::responseModel);
    accounting.checkBounds();
    return cost;
  }

  /**
   * A turn failed: governance counts the failure (a cancellation or a breach is not a failure of
   * the model) and may replace it with a breach.
   */
  void turnFailed(RuntimeException e) {
    if (e instanceof GovernanceBreachException
        || FailureClassification.forException(e) == AgentFailureClass.CANCELLED) {
      return;
    }
    governance.turnFailed(e);
  }

  /** A streamed turn succeeded with this cost. */
  void turnSucceeded(double cost) {
    governance.turnSucceeded(cost);
  }

  /**
   * Runs a streamed turn: iteration cap, before-model hooks (once), rate limit, then one {@code
   * text_delta} per chunk, and on exhaustion after-model hooks on the joined text, usage and
   * budget, and a {@code final} "completed" event with the usage. An upstream failure is recorded
   * as a recovery attempt, reported as {@code error} and {@code final} "failed" events, and
   * rethrown. If the consumer throws {@link java.util.concurrent.CancellationException} the stream
   * stops without a final event. The chunk stream is always closed.
   */
  public TurnResult<String> runTurnStream(
      ChunkSource source,
      TurnOptions options,
      java.util.function.Consumer<dev.agentdispatch.runtime.streaming.StreamEvent> out) {
    return traced(
        options, turn -> new StreamingTurn(this, invoker).run(source, options, out, turn));
  }

  /** Produces the chunks of a streamed model answer. */
  @FunctionalInterface
  public interface ChunkSource {
    java.util.stream.Stream<String> open(HookContext ctx) throws Exception;
  }

  /**
   * Whether the last streamed turn was cancelled by its consumer ({@link
   * java.util.concurrent.CancellationException}) or an interrupt, and so ended without a final
   * event. Reset when the next stream starts.
   */
  public boolean lastStreamCancelled() {
    return lastStreamCancelled;
  }

  void streamCancelled() {
    lastStreamCancelled = true;
    governance.streamCancelled();
  }

  /**
   * The session's governance plane (its own state: turns, tool calls, failures in a row, cost),
   * when one is configured.
   */
  public Optional<GovernancePlane> governance() {
    return governance.plane();
  }

  /** Prepares a streamed turn: cap, hooks, rate limit (in the streaming order). */
  HookContext beginStream(TurnOptions options) {
    lastStreamCancelled = false;
    checkIterationCap();
    governance.beforeTurn();
    HookContext hooks = resolveHookContext(options.hookContext());
    if (hooks.model().isEmpty()) {
      hooks.model(options.model());
    }
    Hooks.beforeModel(config.hooks(), hooks);
    acquirePreCall();
    return hooks;
  }

  /** Records a local diagnostic for a component that failed while the session went on. */
  void diagnostic(String component, RuntimeException e) {
    events.local(component, e, System.Logger.Level.WARNING);
  }

  /** Runs a tool with a fresh hook context. */
  public <T> T runTool(String tool, ToolCall<T> fn) {
    return runTool(tool, fn, Optional.empty());
  }

  /**
   * Runs one tool: permission check; before-tool hooks; pre guardrails; {@code tool_called}; the
   * call (a failure emits {@code agent.failed} TOOL_ERROR with data and is rethrown, without
   * recovery); post guardrails; after-tool hooks; {@code tool_completed}.
   */
  public <T> T runTool(String tool, ToolCall<T> fn, Optional<HookContext> hookContext) {
    return tools.run(tool, fn, resolveHookContext(hookContext));
  }

  /**
   * Runs tool functions concurrently (virtual threads when available) and returns their results in
   * input order. The first failure cancels the others and is rethrown; a timeout raises {@link
   * TurnTimeoutException}. As in Python, no permission, guardrail or hook pipeline applies here.
   */
  public <T> List<T> runParallelTools(List<Callable<T>> calls, Optional<Duration> timeout) {
    return ParallelTools.run(calls, timeout);
  }

  /**
   * Hands the work to another role: before-handoff hooks (which may rewrite target, reason and
   * context), validation, a new target worker (INITIALIZING), this worker COMPLETED, and an {@code
   * agent.completed} event carrying the handoff. The target agent is not run.
   */
  public Handoff handoffTo(String targetRole, String reason, Map<String, Object> context) {
    HookContext hooks = new HookContext(config.role(), config.phase());
    hooks.extra().put("target_role", targetRole);
    hooks.extra().put("reason", reason);
    hooks.extra().put("context", context);
    hooks.extra().put("project_id", config.projectId().orElse(null));
    Hooks.beforeHandoff(config.hooks(), hooks);
    @SuppressWarnings("unchecked")
    Map<String, Object> finalContext =
        (Map<String, Object>) hooks.extra().getOrDefault("context", Map.of());
    Handoff handoff =
        new Handoff(
            config.role(),
            String.valueOf(hooks.extra().get("target_role")),
            config.phase(),
            String.valueOf(hooks.extra().get("reason")),
            finalContext,
            config.projectId(),
            "",
            config.clock().wallNow());
    AgentWorker target =
        config.registry().create(handoff.targetRole(), config.phase(), config.projectId());
    target.transition(AgentStatus.INITIALIZING);
    String detail = "handoff → " + handoff.targetRole() + ": " + handoff.reason();
    worker.transition(AgentStatus.COMPLETED, Optional.of(detail));
    Handoff done = handoff.withTargetWorkerId(target.workerId());
    events.emit(
        events
            .factory()
            .completed(config.role(), config.phase())
            .withDetail(detail)
            .withData(Map.of("handoff", done.toMap())));
    return done;
  }

  /**
   * Evaluates the policy engine against this session: the phase, the elapsed time, the scenarios
   * whose recovery escalated and the total cost are filled in; {@code customise} sets the rest
   * (gate score, roles, quality level...). Empty without an engine.
   */
  public List<PolicyActionData> evaluatePolicy(UnaryOperator<PhaseContext.Builder> customise) {
    return config
        .policyEngine()
        .map(engine -> engine.evaluate(phaseContext(customise)))
        .orElse(List.of());
  }

  /**
   * {@link #evaluatePolicy} with asynchronous conditions ({@link
   * dev.agentdispatch.runtime.policy.PolicyCondition#async}) awaited in priority order.
   */
  public CompletableFuture<List<PolicyActionData>> evaluatePolicyAsync(
      UnaryOperator<PhaseContext.Builder> customise) {
    return config
        .policyEngine()
        .map(engine -> engine.evaluateAsync(phaseContext(customise)))
        .orElseGet(() -> CompletableFuture.completedFuture(List.of()));
  }

  private PhaseContext phaseContext(UnaryOperator<PhaseContext.Builder> customise) {
    Set<String> exhausted =
        recovery.events().stream()
            .filter(e -> e.type() == RecoveryEvent.Type.ESCALATED)
            .map(RecoveryEvent::scenario)
            .collect(Collectors.toSet());
    double elapsed = config.clock().monotonic().minus(createdAt).toNanos() / 1e9;
    PhaseContext.Builder b =
        PhaseContext.builder()
            .phase(config.phase())
            .elapsedSeconds(Math.max(0, elapsed))
            .retryExhaustedScenarios(exhausted)
            .totalCostUsd(tracker.totalCost());
    return customise.apply(b).build();
  }

  /**
   * Evaluates the quality gate and emits {@code phase.gate_passed} or {@code phase.gate_failed}.
   */
  public Optional<QualityGateOutcome> evaluateGate(Optional<QualityLevel> observed) {
    if (config.qualityGate().isEmpty()) {
      return Optional.empty();
    }
    QualityGateOutcome outcome = config.qualityGate().get().evaluate(observed);
    AgentEvents f = events.factory();
    AgentEvent e =
        outcome.satisfied()
            ? f.gatePassed(config.role(), config.phase())
            : f.gateFailed(config.role(), config.phase());
    events.emit(e.withDetail("observed=" + observed.map(Enum::name).orElse("None")));
    return Optional.of(outcome);
  }

  /**
   * Suspends for human input: the worker waits (WAITING_FOR_INPUT, {@code agent.blocked}) until
   * {@link #provideInput} completes the returned future, then runs again ({@code agent.ready}).
   * Neither the prompt nor the value appears in events.
   */
  public synchronized CompletableFuture<Object> pauseForInput(String prompt) {
    if (worker.status().isTerminal()) {
      throw new IllegalStateException("session is terminal (" + worker.status().value() + ")");
    }
    if (pendingInput != null) {
      throw new IllegalStateException("a previous pause_for_input is still pending");
    }
    worker.transition(AgentStatus.WAITING_FOR_INPUT, Optional.of("waiting for input"));
    events.emit(
        events
            .factory()
            .blocked(config.role(), config.phase())
            .withDetail("waiting for input")
            .withData(Map.of("kind", "human_input")));
    CompletableFuture<Object> pending = new CompletableFuture<>();
    pendingInput = pending;
    return pending.thenApply(value -> {
      worker.transition(AgentStatus.RUNNING, Optional.of("input received"));
      events.emit(
          events
              .factory()
              .ready(config.role(), config.phase())
              .withDetail("input received")
              .withData(Map.of("kind", "human_input")));
      return value;
    });
  }

  /** Resumes a {@link #pauseForInput}. */
  public void provideInput(Object value) {
    CompletableFuture<Object> pending;
    synchronized (this) {
      if (pendingInput == null) {
        throw new IllegalStateException("no pause_for_input in flight");
      }
      pending = pendingInput;
      pendingInput = null;
    }
    pending.complete(value);
  }

  /** Completes the session. */
  public void complete(String detail) {
    synchronized (endLock) {
      worker.transition(AgentStatus.COMPLETED, Optional.of(detail));
      events.emit(events.factory().completed(config.role(), config.phase()).withDetail(detail));
    }
  }

  /** Fails the session with a failure class (a terminal {@code agent.failed} without data). */
  public void fail(String detail, AgentFailureClass failureClass) {
    synchronized (endLock) {
      worker.transition(AgentStatus.FAILED, Optional.of(detail));
      events.emit(
          events.factory().failed(config.role(), config.phase(), failureClass).withDetail(detail));
    }
  }

  /** Cancels the session ({@code agent.failed} with class and status cancelled). */
  public void cancel(String detail) {
    synchronized (endLock) {
      worker.transition(AgentStatus.CANCELLED, Optional.of(detail));
      events.emit(
          events
              .factory()
              .failed(config.role(), config.phase(), AgentFailureClass.CANCELLED)
              .withDetail(detail));
    }
  }

  /**
   * Fails the session with the exception that ends it: the failure class is classified from the
   * exception and the detail names its type only. A cancellation ({@link InterruptedException},
   * {@link java.util.concurrent.CancellationException}) cancels the session instead, so the worker
   * and the event agree. Does nothing when the session has already ended. This is what {@link
   * AgentSession#run} does with an exception that escapes its body; a {@code try}-with-resources
   * block calls it from a {@code catch} (its {@link #close()} cannot see the exception).
   */
  public void fail(Throwable error) {
    if (error instanceof GovernanceBreachException) {
      endIfActive(() -> fail("governance breach", AgentFailureClass.GOVERNANCE_BREACH));
      return;
    }
    AgentFailureClass failureClass = FailureClassification.forException(error);
    String detail = FailureClassification.safeDetail(error);
    if (failureClass == AgentFailureClass.CANCELLED) {
      cancelIfActive(detail);
    } else {
      endIfActive(() -> fail(detail, failureClass));
    }
  }

  /**
   * A normal exit: completes the session unless it has already ended (a handoff, {@link #complete},
   * {@link #fail}, {@link #cancel}). A turn or tool that failed earlier does not fail the session
   * here: the caller caught it and went on, as Python's {@code with} block does. Java gives {@code
   * close()} no sight of an exception escaping a {@code try}-with-resources block, so such a block
   * reports one with {@link #fail(Throwable)}, or uses {@link AgentSession#run}, which sees it.
   */
  @Override
  public void close() {
    endIfActive(() -> {
      worker.transition(AgentStatus.COMPLETED);
      events.emit(events.factory().completed(config.role(), config.phase()));
    });
  }

  /** Cancels the session unless it has already ended (a cancelled async call). */
  void cancelIfActive(String detail) {
    endIfActive(() -> cancel(detail));
  }

  /**
   * Runs one ending of the session (a transition to a terminal state and its event) unless another
   * ending got there first: a cancel from another thread and the turn that it interrupted race to
   * end the session, and only one of them may report it.
   */
  private void endIfActive(Runnable ending) {
    synchronized (endLock) {
      if (worker.status().isTerminal()) {
        return;
      }
      ending.run();
    }
  }

  /** {worker, usage, per_model_cost, recovery_events, agent_events}. */
  public Map<String, Object> summary() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("worker", worker.toMap());
    m.put("usage", tracker.summary());
    m.put("per_model_cost", tracker.perModelSummary());
    m.put(
        "recovery_events",
        recovery.events().stream()
            .map(e -> {
              Map<String, Object> r = new LinkedHashMap<>();
              r.put("event_type", e.type().value());
              r.put("scenario", e.scenario());
              r.put("recipe_steps", e.recipeSteps());
              r.put("result", e.result());
              r.put(
                  "timestamp", dev.agentdispatch.runtime.internal.Timestamps.format(e.timestamp()));
              return r;
            })
            .toList());
    m.put("agent_events", events.snapshot().stream().map(AgentEvent::toMap).toList());
    return m;
  }

  public List<AgentEvent> events() {
    return events.snapshot();
  }

  public AgentWorker worker() {
    return worker;
  }

  public UsageTracker usage() {
    return tracker;
  }

  public RecoveryContext recovery() {
    return recovery;
  }

  public Optional<String> threadId() {
    return threadId;
  }

  public Optional<String> currentProvider() {
    return providers.current();
  }

  public OptionalInt contextBudgetChars() {
    return contextBudget.chars();
  }

  public SessionConfig config() {
    return config;
  }

  public synchronized int iterations() {
    return iterations;
  }

  private synchronized void checkIterationCap() {
    if (iterations >= config.maxIterations()) {
      throw new MaxIterationsExceededException(config.maxIterations());
    }
    iterations++;
  }

  private void acquirePreCall() {
    config.rateLimiter().ifPresent(rl -> unchecked(rl::acquirePreCall));
  }

  /** A retried model call is a real call: it takes from the rpm bucket again. */
  private void beforeRetry() {
    worker.incrementRetryCount();
    acquirePreCall();
  }

  private HookContext resolveHookContext(Optional<HookContext> given) {
    HookContext ctx = given.orElseGet(() -> new HookContext(config.role(), config.phase()));
    ctx.role(config.role());
    ctx.phase(config.phase());
    return ctx;
  }

  interface InterruptibleAction {
    void run() throws InterruptedException;
  }

  static void unchecked(InterruptibleAction action) {
    try {
      action.run();
    } catch (InterruptedException e) {
      throw SessionCallException.propagate(e);
    }
  }
}
