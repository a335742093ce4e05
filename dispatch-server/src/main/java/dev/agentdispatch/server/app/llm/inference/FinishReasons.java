package dev.agentdispatch.server.app.llm.inference;

/**
 * One vocabulary of finish reasons for every provider: OpenAI's ({@code stop}, {@code length},
 * {@code tool_calls}, {@code content_filter}), with Anthropic's stop reasons mapped onto it as the
 * dispatch-agents SDK maps them.
 */
public final class FinishReasons {
  private FinishReasons() {}

  /** The normalised form of a provider's finish or stop reason; unknown ones pass unchanged. */
  public static String normalise(String reason) {
    return switch (reason) {
      case "end_turn", "stop_sequence" -> "stop";
      case "tool_use" -> "tool_calls";
      case "max_tokens" -> "length";
      case "refusal" -> "content_filter";
      default -> reason;
    };
  }
}
