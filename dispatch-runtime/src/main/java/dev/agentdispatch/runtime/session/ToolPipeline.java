package dev.agentdispatch.runtime.session;

import dev.agentdispatch.runtime.events.AgentEvents;
import dev.agentdispatch.runtime.events.AgentFailureClass;
import dev.agentdispatch.runtime.guardrails.GuardrailStage;
import dev.agentdispatch.runtime.guardrails.GuardrailViolatedException;
import dev.agentdispatch.runtime.guardrails.Guardrails;
import dev.agentdispatch.runtime.hooks.HookContext;
import dev.agentdispatch.runtime.hooks.Hooks;
import dev.agentdispatch.runtime.permissions.PermissionDeniedException;
import dev.agentdispatch.runtime.permissions.PermissionOutcome;
import dev.agentdispatch.runtime.telemetry.Activation;
import dev.agentdispatch.runtime.telemetry.OperationTrace;
import dev.agentdispatch.runtime.telemetry.SessionTrace;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The {@code run_tool} pipeline; see {@link Session#runTool}. */
final class ToolPipeline {
  private static final PermissionOutcome NO_ENFORCER =
      new PermissionOutcome(true, Optional.of("no enforcer configured"), "", "");

  private final SessionConfig config;
  private final SessionEvents events;
  private final SessionTrace trace;
  private final SessionGovernance governance;

  ToolPipeline(
      SessionConfig config,
      SessionEvents events,
      SessionTrace trace,
      SessionGovernance governance) {
    this.config = config;
    this.events = events;
    this.trace = trace;
    this.governance = governance;
  }

  @SuppressWarnings({"unchecked", "try"}) // the activation is held for the block, unreferenced
  <T> T run(String tool, ToolCall<T> fn, HookContext hooks) {
    String role = config.role();
    String phase = config.phase();
    AgentEvents f = events.factory();
    PermissionOutcome permission =
        config.permissions().map(p -> p.check(role, tool)).orElse(NO_ENFORCER);
    if (!permission.allowed()) {
      events.emit(
          f.blocked(role, phase)
              .withDetail(permission.reason().orElse("permission denied"))
              .withData(Map.of("tool", tool, "kind", "permission")));
      throw new PermissionDeniedException(permission);
    }
    governance.beforeTool();
    if (hooks.tool().isEmpty()) {
      hooks.tool(tool);
    }
    Hooks.beforeTool(config.hooks(), hooks);
    guard(tool, GuardrailStage.PRE, () -> Guardrails.runPreChecks(config.guardrails(), role, tool));
    // The span covers what agent.tool_called .. agent.tool_completed covers: a call refused by
    // permissions or pre guardrails never ran, so it is an event of the session, not a span.
    OperationTrace span = trace.tool(tool);
    try (Activation ignored = span.activate()) {
      events.emit(f.toolCalled(role, phase, tool));
      T raw;
      try {
        raw = fn.call(hooks);
      } catch (Exception e) {
        AgentFailureClass failureClass = toolFailureClass(e);
        // A cancelled tool did not fail: the session's cancellation reports it, as Python's
        // CancelledError (not an Exception) never reaches the tool_error handler.
        if (failureClass == AgentFailureClass.TOOL_ERROR) {
          events.emit(
              f.failed(role, phase, AgentFailureClass.TOOL_ERROR)
                  .withDetail("tool execution failed: " + tool)
                  .withData(Map.of("tool", tool)));
        }
        span.failed(e, failureClass);
        throw SessionCallException.propagate(e);
      }
      guard(
          tool,
          GuardrailStage.POST,
          () -> Guardrails.runPostChecks(config.guardrails(), raw, role, tool));
      Object result = Hooks.afterTool(config.hooks(), hooks, raw);
      events.emit(f.toolCompleted(role, phase, tool));
      span.succeeded();
      return (T) result;
    } catch (RuntimeException | Error e) {
      span.failed(e, FailureClassification.forException(e)); // ignored if the call already failed
      throw e;
    }
  }

  /** The tool's own failure is tool_error, unless it was cancelled (which is not an error). */
  private static AgentFailureClass toolFailureClass(Exception e) {
    return FailureClassification.forException(e) == AgentFailureClass.CANCELLED
        ? AgentFailureClass.CANCELLED
        : AgentFailureClass.TOOL_ERROR;
  }

  private void guard(String tool, GuardrailStage stage, Runnable check) {
    try {
      check.run();
    } catch (GuardrailViolatedException e) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("tool", tool);
      data.put("kind", "guardrail");
      data.put("stage", stage.value());
      data.put("guardrails", e.guardrailNames());
      events.emit(
          events
              .factory()
              .blocked(config.role(), config.phase())
              .withDetail(e.getMessage())
              .withData(data));
      throw e;
    }
  }
}
