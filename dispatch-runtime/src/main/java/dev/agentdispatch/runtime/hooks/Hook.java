package dev.agentdispatch.runtime.hooks;

/**
 * Interception points around model calls, tool calls and handoffs. Every method is optional. The
 * {@code after*} methods form a transform chain: each hook receives the previous hook's return
 * value. An exception from a hook propagates and blocks the turn.
 */
public interface Hook {
  default void beforeModel(HookContext ctx) {}

  default Object afterModel(HookContext ctx, Object result) {
    return result;
  }

  default void beforeTool(HookContext ctx) {}

  default Object afterTool(HookContext ctx, Object result) {
    return result;
  }

  default void beforeHandoff(HookContext ctx) {}
}
