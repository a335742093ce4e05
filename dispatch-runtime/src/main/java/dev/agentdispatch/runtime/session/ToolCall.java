package dev.agentdispatch.runtime.session;

import dev.agentdispatch.runtime.hooks.HookContext;

/** A tool invocation; read the (possibly hook-rewritten) arguments from the context. */
@FunctionalInterface
public interface ToolCall<T> {
  T call(HookContext ctx) throws Exception;
}
