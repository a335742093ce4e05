package dev.agentdispatch.core.llm;

/**
 * Tokens one model call consumed, as the provider reported them. Input tokens exclude cached tokens
 * (Anthropic's convention; OpenAI's cached prompt tokens are subtracted when parsed), so each class
 * of token is priced once.
 */
public record TokenUsage(long input, long output, long cacheRead, long cacheWrite) {
  /** No usage (a call that failed before the provider answered). */
  public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0);

  public TokenUsage {
    if (input < 0 || output < 0 || cacheRead < 0 || cacheWrite < 0) {
      throw new IllegalArgumentException("token counts must not be negative");
    }
  }

  /** All tokens, of every class. */
  public long total() {
    return input + output + cacheRead + cacheWrite;
  }
}
