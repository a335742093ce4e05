package dev.agentdispatch.store.flow;

import java.util.Objects;

/**
 * One token bucket an invocation must take a token from.
 *
 * @param scope names the bucket within the namespace, e.g. {@code agent:a} or {@code key:a/f/k}
 * @param perSecond tokens added per second
 * @param burst the most tokens the bucket holds
 * @param throttle take a token ahead of time and wait for it, rather than be refused
 */
public record RateRule(String scope, double perSecond, int burst, boolean throttle) {
  public RateRule {
    Objects.requireNonNull(scope, "scope is null");
    if (!(perSecond > 0) || burst < 1) {
      throw new IllegalArgumentException("a bucket needs a positive rate and burst");
    }
  }
}
