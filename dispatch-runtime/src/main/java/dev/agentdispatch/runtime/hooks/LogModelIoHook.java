package dev.agentdispatch.runtime.hooks;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Objects;

/**
 * Logs "model_input" and "model_output" with role, phase and model. Payloads are logged only when
 * opted in, truncated to {@code maxChars} with the suffix "…(truncated)"; by default only metadata
 * is logged.
 */
public final class LogModelIoHook implements Hook {
  private final Logger logger;
  private final Level level;
  private final boolean includePrompt;
  private final boolean includeResult;
  private final int maxChars;

  public LogModelIoHook() {
    this(System.getLogger(LogModelIoHook.class.getName()), Level.INFO, false, false, 4000);
  }

  public LogModelIoHook(
      Logger logger, Level level, boolean includePrompt, boolean includeResult, int maxChars) {
    this.logger = Objects.requireNonNull(logger, "logger is null");
    this.level = Objects.requireNonNull(level, "level is null");
    this.includePrompt = includePrompt;
    this.includeResult = includeResult;
    if (maxChars <= 0) {
      throw new IllegalArgumentException("max_chars must be > 0, got " + maxChars);
    }
    this.maxChars = maxChars;
  }

  @Override
  public void beforeModel(HookContext ctx) {
    String payload =
        includePrompt ? " prompt=" + truncate(String.valueOf(ctx.prompt().orElse(null))) : "";
    logger.log(
        level,
        "model_input role={0} phase={1} model={2} prompt_logged={3}{4}",
        ctx.role(),
        ctx.phase(),
        ctx.model(),
        includePrompt,
        payload);
  }

  @Override
  public Object afterModel(HookContext ctx, Object result) {
    String payload = includeResult ? " result=" + truncate(String.valueOf(result)) : "";
    logger.log(
        level,
        "model_output role={0} phase={1} model={2} result_logged={3}{4}",
        ctx.role(),
        ctx.phase(),
        ctx.model(),
        includeResult,
        payload);
    return result;
  }

  String truncate(String s) {
    return s.length() <= maxChars ? s : s.substring(0, maxChars) + "…(truncated)";
  }
}
