package dev.agentdispatch.server.doors.v1.agents;

import dev.agentdispatch.core.agent.RateLimit;
import java.util.Locale;

/** A rate limit as registered, in the shape it was given ({@code AgentBody.RateLimitBody}). */
public record RateLimitView(int limit, long periodSeconds, int burst, boolean byKey, String mode) {
  static RateLimitView of(RateLimit r) {
    return new RateLimitView(
        r.limit(),
        r.period().toSeconds(),
        r.burst(),
        r.byKey(),
        r.mode().name().toLowerCase(Locale.ROOT));
  }
}
