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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The {@code run_tool} pipeline; see {@link Session#runTool}. */
final class ToolPipeline {
  private static final PermissionOutcome NO_ENFORCER =
      new PermissionOutcome(true, Optional.of("no enforcer configured"), "", "");

  private final SessionConfig config;
  private final SessionEvents events;

  ToolPipeline(SessionConfig config, SessionEvents events) {
    this.config = config;
    this.events = events;
  }

  @SuppressWarnings("unchecked")
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
    if (hooks.tool().isEmpty()) {
      hooks.tool(tool);
    }
    Hooks.beforeTool(config.hooks(), hooks);
    guard(tool, GuardrailStage.PRE, () -> Guardrails.runPreChecks(config.guardrails(), role, tool));
    events.emit(f.toolCalled(role, phase, tool));
    T raw;
    try {
      raw = fn.call(hooks);
    } catch (Exception e) {
      events.emit(
          f.failed(role, phase, AgentFailureClass.TOOL_ERROR)
              .withDetail("tool execution failed: " + tool)
              .withData(Map.of("tool", tool)));
      throw SessionCallException.propagate(e);
    }
    guard(
        tool,
        GuardrailStage.POST,
        () -> Guardrails.runPostChecks(config.guardrails(), raw, role, tool));
    Object result = Hooks.afterTool(config.hooks(), hooks, raw);
    events.emit(f.toolCompleted(role, phase, tool));
    return (T) result;
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
