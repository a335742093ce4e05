package dev.agentdispatch.runtime.session;

import dev.agentdispatch.runtime.breaker.CircuitBreaker;
import dev.agentdispatch.runtime.checkpoint.CheckpointSaver;
import dev.agentdispatch.runtime.clock.RuntimeClock;
import dev.agentdispatch.runtime.governance.GovernancePlane;
import dev.agentdispatch.runtime.guardrails.Guardrail;
import dev.agentdispatch.runtime.hooks.Hook;
import dev.agentdispatch.runtime.lifecycle.AgentRegistry;
import dev.agentdispatch.runtime.otel.OtelSessionTelemetry;
import dev.agentdispatch.runtime.permissions.PermissionEnforcer;
import dev.agentdispatch.runtime.policy.PolicyEngine;
import dev.agentdispatch.runtime.quality.QualityGate;
import dev.agentdispatch.runtime.ratelimit.RateLimiter;
import dev.agentdispatch.runtime.recovery.RecoveryExecutor;
import dev.agentdispatch.runtime.retry.RecoveryRecipes;
import dev.agentdispatch.runtime.routing.ProviderRouter;
import dev.agentdispatch.runtime.sinks.EventSink;
import dev.agentdispatch.runtime.sinks.NoopEventSink;
import dev.agentdispatch.runtime.sinks.NoopUsageSink;
import dev.agentdispatch.runtime.sinks.UsageSink;
import dev.agentdispatch.runtime.telemetry.SessionTelemetry;
import dev.agentdispatch.runtime.usage.PricingRegistry;
import dev.agentdispatch.runtime.usage.UsageLimits;
import io.opentelemetry.api.OpenTelemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * The factory of sessions for one role and phase. Build it once, then open a {@link Session} per
 * run:
 *
 * <pre>{@code
 * AgentSession agent = AgentSession.builder("researcher", "draft")
 *     .circuitBreaker(CircuitBreaker.of(CircuitBreakerConfig.defaults("llm"), clock))
 *     .budgetUsd(0.50)
 *     .build();
 * String answer = agent.run(session ->
 *     session.runTurn(ctx -> llm.complete(prompt), TurnOptions.model("model-a")).result());
 * }</pre>
 */
public final class AgentSession {
  private final SessionConfig config;
  private final SessionTelemetry telemetry;

  /** Sessions without tracing. */
  public AgentSession(SessionConfig config) {
    this(config, SessionTelemetry.NONE);
  }

  /**
   * @param telemetry where each session reports its spans
   */
  public AgentSession(SessionConfig config, SessionTelemetry telemetry) {
    this.config = Objects.requireNonNull(config, "config is null");
    this.telemetry = Objects.requireNonNull(telemetry, "telemetry is null");
  }

  public static Builder builder(String role, String phase) {
    return new Builder(role, phase);
  }

  public SessionConfig config() {
    return config;
  }

  /** Where sessions report their spans ({@link SessionTelemetry#NONE} unless one was given). */
  public SessionTelemetry telemetry() {
    return telemetry;
  }

  /** Opens a session without a thread id (no checkpoints). */
  public Session session() {
    return new Session(config, telemetry, Optional.empty());
  }

  /** Opens a session bound to a thread id (checkpoints and idempotent replay use it). */
  public Session session(String threadId) {
    return new Session(config, telemetry, Optional.of(threadId));
  }

  /** Opens an async session whose operations run on {@code executor}. */
  public AsyncSession asyncSession(Optional<String> threadId, ExecutorService executor) {
    return new AsyncSession(new Session(config, telemetry, threadId), executor);
  }

  /**
   * Runs {@code body} in a fresh session, the equivalent of Python's {@code with agent.session()}:
   * a normal return completes the session (unless a handoff already did), an exception fails it
   * with a classified failure class and is rethrown.
   */
  public <T> T run(Function<Session, T> body) {
    return runIn(session(), body);
  }

  /** {@link #run} with a thread id. */
  public <T> T run(String threadId, Function<Session, T> body) {
    return runIn(session(threadId), body);
  }

  private static <T> T runIn(Session session, Function<Session, T> body) {
    T result;
    try {
      result = body.apply(session);
    } catch (RuntimeException | Error e) {
      session.fail(e);
      throw e;
    }
    session.close(); // a normal return completes, whatever the body caught on the way
    return result;
  }

  /** Fluent builder; {@link #build()} validates. */
  public static final class Builder {
    private final String role;
    private final String phase;
    private Optional<Long> projectId = Optional.empty();
    private AgentRegistry registry;
    private Optional<PermissionEnforcer> permissions = Optional.empty();
    private Optional<CircuitBreaker> circuitBreaker = Optional.empty();
    private Optional<Function<String, CircuitBreaker>> breakerPerProvider = Optional.empty();
    private Optional<PolicyEngine> policyEngine = Optional.empty();
    private Optional<QualityGate> qualityGate = Optional.empty();
    private OptionalDouble budgetUsd = OptionalDouble.empty();
    private boolean enforceBudget;
    private int maxIterations = SessionConfig.DEFAULT_MAX_ITERATIONS;
    private final List<Guardrail> guardrails = new ArrayList<>();
    private EventSink eventSink = NoopEventSink.INSTANCE;
    private UsageSink usageSink = NoopUsageSink.INSTANCE;
    private Optional<CheckpointSaver> saver = Optional.empty();
    private Optional<RateLimiter> rateLimiter = Optional.empty();
    private Optional<ProviderRouter> providerRouter = Optional.empty();
    private Optional<String> initialProvider = Optional.empty();
    private Optional<UsageLimits> usageLimits = Optional.empty();
    private final List<Hook> hooks = new ArrayList<>();
    private RuntimeClock clock = RuntimeClock.system();
    private PricingRegistry pricing = PricingRegistry.defaultRegistry();
    private RecoveryRecipes recipes = RecoveryRecipes.defaults();
    private Optional<RecoveryExecutor.Config> recovery = Optional.empty();
    private OptionalInt contextBudgetChars = OptionalInt.empty();
    private SessionTelemetry telemetry = SessionTelemetry.NONE;
    private Optional<GovernancePlane> governance = Optional.empty();

    private Builder(String role, String phase) {
      this.role = role;
      this.phase = phase;
    }

    public Builder projectId(long v) {
      projectId = Optional.of(v);
      return this;
    }

    public Builder registry(AgentRegistry v) {
      registry = v;
      return this;
    }

    public Builder permissions(PermissionEnforcer v) {
      permissions = Optional.of(v);
      return this;
    }

    public Builder circuitBreaker(CircuitBreaker v) {
      circuitBreaker = Optional.of(v);
      return this;
    }

    public Builder breakerPerProvider(Function<String, CircuitBreaker> v) {
      breakerPerProvider = Optional.of(v);
      return this;
    }

    public Builder policyEngine(PolicyEngine v) {
      policyEngine = Optional.of(v);
      return this;
    }

    public Builder qualityGate(QualityGate v) {
      qualityGate = Optional.of(v);
      return this;
    }

    public Builder budgetUsd(double v) {
      budgetUsd = OptionalDouble.of(v);
      return this;
    }

    public Builder enforceBudget(boolean v) {
      enforceBudget = v;
      return this;
    }

    public Builder maxIterations(int v) {
      maxIterations = v;
      return this;
    }

    public Builder guardrail(Guardrail v) {
      guardrails.add(v);
      return this;
    }

    public Builder eventSink(EventSink v) {
      eventSink = v;
      return this;
    }

    public Builder usageSink(UsageSink v) {
      usageSink = v;
      return this;
    }

    public Builder saver(CheckpointSaver v) {
      saver = Optional.of(v);
      return this;
    }

    public Builder rateLimiter(RateLimiter v) {
      rateLimiter = Optional.of(v);
      return this;
    }

    public Builder providerRouter(ProviderRouter v) {
      providerRouter = Optional.of(v);
      return this;
    }

    public Builder initialProvider(String v) {
      initialProvider = Optional.of(v);
      return this;
    }

    public Builder usageLimits(UsageLimits v) {
      usageLimits = Optional.of(v);
      return this;
    }

    public Builder hook(Hook v) {
      hooks.add(v);
      return this;
    }

    public Builder clock(RuntimeClock v) {
      clock = v;
      return this;
    }

    public Builder pricing(PricingRegistry v) {
      pricing = v;
      return this;
    }

    public Builder recipes(RecoveryRecipes v) {
      recipes = v;
      return this;
    }

    /** Opt in to acting recovery (see {@link RecoveryExecutor}). */
    public Builder recovery(RecoveryExecutor.Config v) {
      recovery = Optional.of(v);
      return this;
    }

    /**
     * Hard stops (spec §19): each session enforces these limits on its own fresh state, and a
     * terminate-mode breach throws {@link
     * dev.agentdispatch.runtime.governance.GovernanceBreachException}, which no recovery catches.
     */
    public Builder governance(GovernancePlane v) {
      governance = Optional.of(v);
      return this;
    }

    public Builder contextBudgetChars(int v) {
      contextBudgetChars = OptionalInt.of(v);
      return this;
    }

    /**
     * Traces every session: a span for the run, one for each turn and each tool call, plus the
     * usage metrics of each priced turn. Needs {@code opentelemetry-api} on the class path; without
     * this call the runtime never loads an OpenTelemetry class. For the provider name, event detail
     * or an exit flush, pass {@link OtelSessionTelemetry#builder} to {@link #telemetry} instead.
     */
    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      return telemetry(OtelSessionTelemetry.create(openTelemetry));
    }

    /** Where sessions report their trace (default {@link SessionTelemetry#NONE}). */
    public Builder telemetry(SessionTelemetry v) {
      telemetry = Objects.requireNonNull(v, "telemetry is null");
      return this;
    }

    public AgentSession build() {
      return new AgentSession(
          new SessionConfig(
              role,
              phase,
              projectId,
              registry == null ? new AgentRegistry(clock) : registry,
              permissions,
              circuitBreaker,
              breakerPerProvider,
              policyEngine,
              qualityGate,
              budgetUsd,
              enforceBudget,
              maxIterations,
              guardrails,
              eventSink,
              usageSink,
              saver,
              rateLimiter,
              providerRouter,
              initialProvider,
              usageLimits,
              hooks,
              clock,
              pricing,
              recipes,
              recovery,
              contextBudgetChars,
              governance),
          telemetry);
    }
  }
}
