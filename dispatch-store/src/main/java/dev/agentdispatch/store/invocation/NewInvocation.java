package dev.agentdispatch.store.invocation;

import dev.agentdispatch.core.invocation.InvocationSpec;
import java.time.Instant;
import java.util.Objects;

/** An invocation to create, and when it first becomes claimable. */
public record NewInvocation(InvocationSpec spec, Instant availableAt) {
  public NewInvocation {
    Objects.requireNonNull(spec, "spec is null");
    Objects.requireNonNull(availableAt, "availableAt is null");
  }
}
