package dev.agentdispatch.runtime.hooks;

import java.util.List;

/** Runs hooks left to right. */
public final class Hooks {
  private Hooks() {}

  public static void beforeModel(List<Hook> hooks, HookContext ctx) {
    hooks.forEach(h -> h.beforeModel(ctx));
  }

  public static Object afterModel(List<Hook> hooks, HookContext ctx, Object result) {
    Object current = result;
    for (Hook h : hooks) {
      current = h.afterModel(ctx, current);
    }
    return current;
  }

  public static void beforeTool(List<Hook> hooks, HookContext ctx) {
    hooks.forEach(h -> h.beforeTool(ctx));
  }

  public static Object afterTool(List<Hook> hooks, HookContext ctx, Object result) {
    Object current = result;
    for (Hook h : hooks) {
      current = h.afterTool(ctx, current);
    }
    return current;
  }

  public static void beforeHandoff(List<Hook> hooks, HookContext ctx) {
    hooks.forEach(h -> h.beforeHandoff(ctx));
  }
}
