package dev.agentdispatch.runtime.session;

import dev.agentdispatch.runtime.breaker.CircuitBreaker;
import dev.agentdispatch.runtime.breaker.CircuitOpenException;
import dev.agentdispatch.runtime.events.AgentEvent;
import dev.agentdispatch.runtime.events.AgentEvents;
import dev.agentdispatch.runtime.governance.GovernanceBreachException;
import dev.agentdispatch.runtime.hooks.HookContext;
import dev.agentdispatch.runtime.recovery.ContextBudget;
import dev.agentdispatch.runtime.recovery.Escalation;
import dev.agentdispatch.runtime.recovery.ProviderState;
import dev.agentdispatch.runtime.recovery.RecoveryExecutor;
import dev.agentdispatch.runtime.retry.ExceptionClassifier;
import dev.agentdispatch.runtime.retry.FailureScenario;
import dev.agentdispatch.runtime.retry.RecoveryContext;
import dev.agentdispatch.runtime.retry.RecoveryOutcome;
import dev.agentdispatch.runtime.retry.RecoveryResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Step 6–7 of {@code run_turn}: call the model through the breaker (with the timeout inside the
 * breaker, so a timeout counts as a breaker failure) and handle failures.
 *
 * <p>Bookkeeping mode (the default, as in Python): a {@link CircuitOpenException} is rethrown with
 * no recovery; any other failure is classified, one recovery attempt is recorded and reported as
 * events, and the failure is rethrown.
 *
 * <p>Acting mode (a {@link RecoveryExecutor} is configured): the recovery steps really run, and a
 * {@code recovered} outcome retries the call; an open circuit counts as a provider failure (so the
 * session can switch away from it); an exhausted recipe calls the escalation handler; anything else
 * rethrows.
 */
final class TurnInvoker {
  private final SessionConfig config;
  private final RecoveryContext recovery;
  private final Optional<RecoveryExecutor> executor;
  private final ProviderState providers;
  private final ContextBudget contextBudget;
  private final SessionEvents events;
  private final String workerId;
  private final Runnable beforeRetry;
  private final Map<String, CircuitBreaker> providerBreakers = new ConcurrentHashMap<>();

  TurnInvoker(
      SessionConfig config,
      RecoveryContext recovery,
      Optional<RecoveryExecutor> executor,
      ProviderState providers,
      ContextBudget contextBudget,
      SessionEvents events,
      String workerId,
      Runnable beforeRetry) {
    this.config = config;
    this.recovery = recovery;
    this.executor = executor;
    this.providers = providers;
    this.contextBudget = contextBudget;
    this.events = events;
    this.workerId = workerId;
    this.beforeRetry = beforeRetry;
  }

  <T> T invoke(TurnCall<T> fn, HookContext hooks, TurnOptions options) {
    providers.startTurn();
    for (int attempt = 1; ; attempt++) {
      TurnContext ctx = new TurnContext(hooks, providers.current(), contextBudget.chars(), attempt);
      FailureScenario scenario;
      Exception failure;
      try {
        T result = callOnce(fn, ctx, options);
        executor.ifPresent(RecoveryExecutor::resetBackoff);
        return result;
      } catch (CircuitOpenException e) {
        if (executor.isEmpty()) {
          throw e;
        }
        scenario = FailureScenario.PROVIDER_FAILURE;
        failure = e;
      } catch (GovernanceBreachException e) {
        throw e; // a hard stop: never recovered
      } catch (InterruptedException | CancellationException e) {
        throw SessionCallException.propagate(e); // cancellation is never "recovered"
      } catch (Exception e) {
        scenario = ExceptionClassifier.classify(e);
        failure = e;
      }
      RecoveryResult result = recordRecovery(scenario);
      if (executor.isPresent()) {
        if (result.outcome() == RecoveryOutcome.RECOVERED) {
          beforeRetry.run();
          continue;
        }
        if (result.outcome() == RecoveryOutcome.ESCALATION_REQUIRED) {
          escalate(scenario, result, failure);
        }
      }
      throw SessionCallException.propagate(failure);
    }
  }

  private <T> T callOnce(TurnCall<T> fn, TurnContext ctx, TurnOptions options) throws Exception {
    Callable<T> call = () -> fn.call(ctx);
    Callable<T> timed =
        options.timeout().isPresent() ? () -> Timed.call(call, options.timeout().get()) : call;
    Optional<CircuitBreaker> breaker = breakerFor(ctx.provider());
    return breaker.isPresent() ? breaker.get().call(timed) : timed.call();
  }

  private Optional<CircuitBreaker> breakerFor(Optional<String> provider) {
    if (config.breakerPerProvider().isPresent() && provider.isPresent()) {
      return Optional.of(
          providerBreakers.computeIfAbsent(provider.get(), config.breakerPerProvider().get()));
    }
    return config.circuitBreaker();
  }

  /**
   * Classifies a failure outside {@link #invoke} (a streamed turn) and records one recovery
   * attempt.
   */
  RecoveryResult recordFailure(Exception failure) {
    return recordRecovery(ExceptionClassifier.classify(failure));
  }

  private RecoveryResult recordRecovery(FailureScenario scenario) {
    RecoveryResult result = recovery.attempt(scenario);
    AgentEvents f = events.factory();
    String role = config.role();
    String phase = config.phase();
    events.emit(
        f.recoveryAttempted(role, phase)
            .withDetail(scenario.value() + ": " + result.outcome().value()));
    Map<String, Object> data = new LinkedHashMap<>(result.toMap());
    data.put("scenario", scenario.value());
    AgentEvent followUp;
    switch (result.outcome()) {
      case RECOVERED:
        followUp = f.recoverySucceeded(role, phase);
        break;
      case PARTIAL_RECOVERY:
        followUp = f.recoveryFailed(role, phase);
        break;
      default:
        followUp = f.recoveryEscalated(role, phase);
        break;
    }
    events.emit(
        followUp.withDetail(scenario.value() + ": " + result.outcome().value()).withData(data));
    return result;
  }

  private void escalate(FailureScenario scenario, RecoveryResult result, Exception failure) {
    executor
        .get()
        .escalate(
            new Escalation(
                config.role(),
                config.phase(),
                workerId,
                scenario,
                recovery.recipes().recipeFor(scenario).escalationPolicy(),
                recovery.attemptCount(scenario),
                result.reason(),
                Optional.of(failure)));
  }
}
