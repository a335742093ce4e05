package dev.agentdispatch.server.app.flow;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.FunctionSpec;
import dev.agentdispatch.core.agent.RateLimit;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.auth.Caller;
import dev.agentdispatch.server.metrics.ServerMeters;
import dev.agentdispatch.store.flow.FlowStore;
import dev.agentdispatch.store.flow.RateDecision;
import dev.agentdispatch.store.flow.RateRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rate limits at admission (DESIGN §7): each new invocation takes a token from its API key's, its
 * agent's and its function's buckets (per {@code concurrency_key} when the limit is {@code
 * by_key}). The buckets live in the database, so every node draws from the same ones.
 */
public final class RateLimiter {
  private final FlowStore store;

  private final ServerMeters meters;

  public RateLimiter(FlowStore store, ServerMeters meters) {
    this.meters = meters;
    this.store = store;
  }

  /** Whether any rate limit applies to an invocation of {@code function} by {@code caller}. */
  public boolean applies(Caller caller, AgentSpec agent, FunctionSpec function) {
    return caller.rateLimit().isPresent()
        || agent.rateLimit().isPresent()
        || function.rateLimit().isPresent();
  }

  /**
   * Admits one invocation created by {@code caller}: returns when it may run (its requested {@code
   * availableAt}, or later when a throttle delays it).
   *
   * @throws ServiceException.RateLimited when a refusing limit has no token, or a throttle would
   *     delay it past {@link RateLimit#MAX_THROTTLE_DELAY}
   */
  public Instant admit(
      String namespace,
      Caller caller,
      AgentSpec agent,
      FunctionSpec function,
      Optional<String> key,
      Instant availableAt,
      Instant now) {
    List<RateRule> rules = new ArrayList<>();
    // A key's bucket is per namespace: for the usual key, limited to one namespace, that is all its
    // invocations; a key for every namespace has the limit in each.
    caller.rateLimit().ifPresent(r -> rules.add(rule(r, "API key " + caller.keyId())));
    agent.rateLimit().ifPresent(r -> rules.add(rule(r, scope("agent", agent.name(), r, key))));
    function
        .rateLimit()
        .ifPresent(r ->
            rules.add(rule(r, scope("function", agent.name() + "/" + function.name(), r, key))));
    if (rules.isEmpty()) {
      return availableAt;
    }
    return switch (store.take(namespace, rules, RateLimit.MAX_THROTTLE_DELAY, now)) {
      case RateDecision.Granted g ->
          g.availableAt().isAfter(availableAt) ? g.availableAt() : availableAt;
      case RateDecision.Refused r -> {
        meters.refused(namespace, "rate_limited");
        throw new ServiceException.RateLimited(
            "over the rate limit of "
                + r.scope().replace("\u0000", ", key ")
                + ": retry in "
                + Math.max(1, (r.retryAfter().toMillis() + 999) / 1000)
                + " s",
            r.retryAfter());
      }
    };
  }

  private static String scope(String kind, String name, RateLimit r, Optional<String> key) {
    // The key is kept apart by a NUL, which no name contains, so no two scopes collide.
    return r.byKey() ? kind + " " + name + "\u0000" + key.orElse("") : kind + " " + name;
  }

  private static RateRule rule(RateLimit r, String scope) {
    return new RateRule(scope, r.perSecond(), r.burst(), r.mode() == RateLimit.Mode.THROTTLE);
  }
}
