package dev.agentdispatch.runtime.mcp;

/**
 * An MCP tool answered with {@code isError}: the call reached the server and the tool reported a
 * failure. The message is the tool's text. In a session it is a tool failure like any other ({@code
 * agent.failed}, {@code tool_error}).
 */
public final class McpToolException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String tool;

  public McpToolException(String tool, String message) {
    super("MCP tool '" + tool + "' failed: " + message);
    this.tool = tool;
  }

  public String tool() {
    return tool;
  }
}
