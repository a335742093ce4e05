package dev.agentdispatch.core.invocation;

import java.util.Objects;

/** An invocation: what was asked for and where it stands. */
public record Invocation(InvocationSpec spec, InvocationState state) {
  public Invocation {
    Objects.requireNonNull(spec, "spec is null");
    Objects.requireNonNull(state, "state is null");
  }

  public String id() {
    return spec.id();
  }

  public InvocationStatus status() {
    return state.status();
  }

  Invocation with(InvocationState next) {
    return new Invocation(spec, next);
  }
}
