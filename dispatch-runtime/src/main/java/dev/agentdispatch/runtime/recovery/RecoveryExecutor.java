package dev.agentdispatch.runtime.recovery;

import dev.agentdispatch.runtime.clock.RuntimeClock;
import dev.agentdispatch.runtime.retry.BackoffPolicy;
import dev.agentdispatch.runtime.retry.EscalationPolicy;
import dev.agentdispatch.runtime.retry.FailureScenario;
import dev.agentdispatch.runtime.retry.RecoveryStep;
import dev.agentdispatch.runtime.retry.StepRunner;
import dev.agentdispatch.runtime.routing.ProviderRouter;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;

/**
 * A {@link StepRunner} that really performs the recovery steps, for sessions that opt in:
 *
 * <ul>
 *   <li>{@code retry_with_backoff} sleeps (through the clock) for the configured backoff, feeding
 *       each delay back as the next "previous delay" of the decorrelated jitter;
 *   <li>{@code switch_provider} asks the provider router for a provider that has not failed in this
 *       turn and moves the session to it; it fails when there is no router or no candidate;
 *   <li>{@code retry_with_smaller_context} shrinks the context budget (a no-op success when no
 *       budget is configured);
 *   <li>{@code escalate_to_human} calls the escalation handler and fails, so the turn stops;
 *   <li>{@code restart_agent}, {@code clear_memory_cache} and {@code reduce_tool_set} run the
 *       user's {@link StepAction} when one is registered, and otherwise succeed without effect (the
 *       runtime owns no agent state to restart).
 * </ul>
 *
 * A registered {@link StepAction} overrides the built-in behaviour of any step.
 */
public final class RecoveryExecutor implements StepRunner {
  private static final System.Logger LOG = System.getLogger(RecoveryExecutor.class.getName());

  private final Config config;
  private final ProviderState providers;
  private final ContextBudget contextBudget;
  private final Identity identity;
  private BiConsumer<String, String> onProviderSwitch = (from, to) -> {};
  private double prevDelaySeconds;
  private int backoffAttempt;

  /** What the executor needs; use {@link #builder()}. */
  public record Config(
      BackoffPolicy backoff,
      RandomGenerator random,
      RuntimeClock clock,
      Optional<ProviderRouter> router,
      EscalationHandler escalationHandler,
      Map<RecoveryStep, StepAction> actions) {
    public Config {
      Objects.requireNonNull(backoff, "backoff is null");
      Objects.requireNonNull(random, "random is null");
      Objects.requireNonNull(clock, "clock is null");
      Objects.requireNonNull(router, "router is null");
      Objects.requireNonNull(escalationHandler, "escalationHandler is null");
      actions = Map.copyOf(actions);
    }
  }

  /** Who the executor works for; copied into escalations. */
  public record Identity(String role, String phase, String workerId) {
    public Identity {
      Objects.requireNonNull(role, "role is null");
      Objects.requireNonNull(phase, "phase is null");
      Objects.requireNonNull(workerId, "workerId is null");
    }
  }

  public RecoveryExecutor(
      Config config, ProviderState providers, ContextBudget contextBudget, Identity identity) {
    this.config = Objects.requireNonNull(config, "config is null");
    this.providers = Objects.requireNonNull(providers, "providers is null");
    this.contextBudget = Objects.requireNonNull(contextBudget, "contextBudget is null");
    this.identity = Objects.requireNonNull(identity, "identity is null");
  }

  public Identity identity() {
    return identity;
  }

  public ProviderState providers() {
    return providers;
  }

  public ContextBudget contextBudget() {
    return contextBudget;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Config config() {
    return config;
  }

  /** Called with (from, to) after every provider switch; the session emits an event. */
  public void onProviderSwitch(BiConsumer<String, String> listener) {
    this.onProviderSwitch = Objects.requireNonNull(listener, "listener is null");
  }

  /** Resets the backoff sequence after a successful call. */
  public synchronized void resetBackoff() {
    prevDelaySeconds = 0;
    backoffAttempt = 0;
  }

  @Override
  public boolean run(FailureScenario scenario, RecoveryStep step, int stepIndex, int attempt) {
    StepAction custom = config.actions().get(step);
    if (custom != null) {
      return runCustom(custom, scenario, step, attempt);
    }
    switch (step) {
      case RETRY_WITH_BACKOFF:
        return backoff();
      case SWITCH_PROVIDER:
        return switchProvider(scenario, attempt);
      case RETRY_WITH_SMALLER_CONTEXT:
        contextBudget.shrink();
        return true;
      case ESCALATE_TO_HUMAN:
        escalate(
            new Escalation(
                identity.role(),
                identity.phase(),
                identity.workerId(),
                scenario,
                EscalationPolicy.ALERT_HUMAN,
                attempt,
                "recipe step escalate_to_human",
                Optional.empty()));
        return false;
      default:
        return true;
    }
  }

  /** Tells the handler; a failing handler is logged, never propagated. */
  public void escalate(Escalation escalation) {
    try {
      config.escalationHandler().escalate(escalation);
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "escalation handler failed: {0}", e.getClass().getName());
    }
  }

  private boolean runCustom(
      StepAction action, FailureScenario scenario, RecoveryStep step, int attempt) {
    try {
      return action.perform(scenario, attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      LOG.log(Level.WARNING, "recovery step {0} failed: {1}", step.value(), e.getClass().getName());
      return false;
    }
  }

  private boolean backoff() {
    double delay;
    synchronized (this) {
      delay = config.backoff().delaySeconds(backoffAttempt, prevDelaySeconds, config.random());
      backoffAttempt++;
      prevDelaySeconds = delay;
    }
    try {
      config.clock().sleep(Duration.ofNanos((long) (delay * 1e9)));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean switchProvider(FailureScenario scenario, int attempt) {
    Optional<String> current = providers.current();
    if (config.router().isEmpty() || current.isEmpty()) {
      return false;
    }
    Optional<String> next =
        config
            .router()
            .get()
            .select(scenario, Math.max(1, attempt), current.get(), providers.failedThisTurn());
    if (next.isEmpty()) {
      return false;
    }
    providers.switchTo(next.get());
    onProviderSwitch.accept(current.get(), next.get());
    return true;
  }

  /** Builder with defaults: default backoff, a fresh random, the system clock, no router. */
  public static final class Builder {
    private BackoffPolicy backoff = BackoffPolicy.DEFAULT;
    private RandomGenerator random = RandomGenerator.getDefault();
    private RuntimeClock clock = RuntimeClock.system();
    private Optional<ProviderRouter> router = Optional.empty();
    private EscalationHandler escalationHandler = EscalationHandler.NONE;
    private final Map<RecoveryStep, StepAction> actions = new EnumMap<>(RecoveryStep.class);

    public Builder backoff(BackoffPolicy v) {
      this.backoff = v;
      return this;
    }

    public Builder random(RandomGenerator v) {
      this.random = v;
      return this;
    }

    public Builder clock(RuntimeClock v) {
      this.clock = v;
      return this;
    }

    public Builder router(ProviderRouter v) {
      this.router = Optional.of(v);
      return this;
    }

    public Builder escalationHandler(EscalationHandler v) {
      this.escalationHandler = v;
      return this;
    }

    public Builder action(RecoveryStep step, StepAction action) {
      actions.put(step, action);
      return this;
    }

    public Config build() {
      return new Config(backoff, random, clock, router, escalationHandler, actions);
    }
  }
}
