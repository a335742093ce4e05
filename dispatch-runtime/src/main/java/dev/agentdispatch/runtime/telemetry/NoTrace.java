package dev.agentdispatch.runtime.telemetry;

import dev.agentdispatch.runtime.events.AgentEvent;
import dev.agentdispatch.runtime.events.AgentFailureClass;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import java.util.Optional;

/** The trace of {@link SessionTelemetry#NONE}: every call does nothing. */
final class NoTrace implements SessionTrace, TurnTrace {
  @Override
  public TurnTrace turn(String model, Optional<String> provider) {
    return this;
  }

  @Override
  public OperationTrace tool(String name) {
    return this;
  }

  @Override
  public void event(AgentEvent event) {}

  @Override
  public Activation activate() {
    return Activation.NONE;
  }

  @Override
  public void succeeded() {}

  @Override
  public void failed(Throwable error, AgentFailureClass failureClass) {}

  @Override
  public void usage(String model, Optional<String> provider, UsageSnapshot usage, double costUsd) {}

  @Override
  public void responseModel(String model) {}
}
