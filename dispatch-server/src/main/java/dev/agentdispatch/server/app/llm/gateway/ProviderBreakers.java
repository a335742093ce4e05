package dev.agentdispatch.server.app.llm.gateway;

import dev.agentdispatch.core.llm.LlmProvider;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * One circuit breaker per provider (by name and base URL): failures are 5xx, 429, connect errors,
 * timeouts and cut streams. An open circuit skips its provider; after its wait one trial call goes
 * through, and its result closes or reopens the circuit.
 */
final class ProviderBreakers {
  private final CircuitBreakerRegistry registry;

  ProviderBreakers(GatewaySettings.Breaker settings) {
    this.registry =
        CircuitBreakerRegistry.of(
            CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.window())
                .minimumNumberOfCalls(settings.window())
                .failureRateThreshold(settings.failureRatePercent())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
  }

  CircuitBreaker of(LlmProvider provider) {
    return registry.circuitBreaker(provider.name() + " " + provider.baseUrl());
  }
}
