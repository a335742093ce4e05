package dev.agentdispatch.runtime.breaker;

import dev.agentdispatch.runtime.internal.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * Breaker settings: open after {@code failureThreshold} consecutive failures (default 5), stay open
 * for {@code recoveryTimeout} (default 60 s, may be zero), then admit up to {@code
 * halfOpenMaxProbes} concurrent probes (default 1).
 */
public record CircuitBreakerConfig(
    String name, int failureThreshold, Duration recoveryTimeout, int halfOpenMaxProbes) {

  public static final int DEFAULT_FAILURE_THRESHOLD = 5;
  public static final Duration DEFAULT_RECOVERY_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_HALF_OPEN_MAX_PROBES = 1;

  public CircuitBreakerConfig {
    name = Checks.nonBlank(name, "name");
    if (failureThreshold <= 0) {
      throw new IllegalArgumentException("failure_threshold must be > 0, got " + failureThreshold);
    }
    Objects.requireNonNull(recoveryTimeout, "recoveryTimeout is null");
    if (recoveryTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "recovery_timeout_seconds must be >= 0, got " + recoveryTimeout);
    }
    if (halfOpenMaxProbes <= 0) {
      throw new IllegalArgumentException(
          "half_open_max_probes must be > 0, got " + halfOpenMaxProbes);
    }
  }

  /** The defaults under a name. */
  public static CircuitBreakerConfig defaults(String name) {
    return new CircuitBreakerConfig(
        name, DEFAULT_FAILURE_THRESHOLD, DEFAULT_RECOVERY_TIMEOUT, DEFAULT_HALF_OPEN_MAX_PROBES);
  }

  public CircuitBreakerConfig withFailureThreshold(int v) {
    return new CircuitBreakerConfig(name, v, recoveryTimeout, halfOpenMaxProbes);
  }

  public CircuitBreakerConfig withRecoveryTimeout(Duration v) {
    return new CircuitBreakerConfig(name, failureThreshold, v, halfOpenMaxProbes);
  }

  public CircuitBreakerConfig withHalfOpenMaxProbes(int v) {
    return new CircuitBreakerConfig(name, failureThreshold, recoveryTimeout, v);
  }
}
