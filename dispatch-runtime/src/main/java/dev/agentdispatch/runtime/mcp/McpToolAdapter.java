package dev.agentdispatch.runtime.mcp;

import dev.agentdispatch.runtime.hooks.HookContext;
import dev.agentdispatch.runtime.session.Session;
import dev.agentdispatch.runtime.session.ToolCall;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tools of an MCP server, run as session tools: each call goes through {@link Session#runTool}, so
 * an MCP tool is held to the same permissions, before-tool hooks, guardrails, governance limits and
 * events as a local one. The arguments travel in the hook context, so a before-tool hook (such as
 * {@code RedactPiiHook}) rewrites what the server receives.
 *
 * <p>Built on the MCP Java SDK's {@link McpSyncClient}, initialised by the caller (the adapter does
 * not own it and never closes it). The SDK ({@code io.modelcontextprotocol.sdk:mcp-core}, plus a
 * JSON binding such as {@code mcp-json-jackson3}) is an optional dependency of the runtime, needed
 * only by this package.
 *
 * <pre>{@code
 * McpToolAdapter mcp = new McpToolAdapter(client);
 * Object weather = mcp.call(session, "forecast", Map.of("city", "Ljubljana"));
 * }</pre>
 */
public final class McpToolAdapter {
  private final McpSyncClient client;

  public McpToolAdapter(McpSyncClient client) {
    this.client = Objects.requireNonNull(client, "client is null");
  }

  /**
   * Every tool the server offers, following {@code nextCursor} page by page. A server that hands
   * back a cursor it already gave would loop forever; that is refused.
   */
  public List<McpSchema.Tool> listTools() {
    List<McpSchema.Tool> tools = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String cursor = null;
    do {
      McpSchema.ListToolsResult page =
          cursor == null ? client.listTools() : client.listTools(cursor);
      if (page.tools() != null) {
        tools.addAll(page.tools());
      }
      cursor = page.nextCursor();
      if (cursor != null && !seen.add(cursor)) {
        throw new IllegalStateException("MCP server repeated the tools cursor '" + cursor + "'");
      }
    } while (cursor != null && !cursor.isEmpty());
    return List.copyOf(tools);
  }

  /**
   * The call of {@code tool} as a session tool function: it sends the hook context's arguments and
   * unwraps the result (see {@link #unwrap}).
   */
  public ToolCall<Object> tool(String tool) {
    Objects.requireNonNull(tool, "tool is null");
    return hooks -> {
      McpSchema.CallToolResult result =
          client.callTool(
              McpSchema.CallToolRequest.builder(tool)
                  .arguments(new LinkedHashMap<>(hooks.args()))
                  .build());
      return unwrap(tool, result);
    };
  }

  /** Runs {@code tool} with {@code args} through the session's tool pipeline. */
  public Object call(Session session, String tool, Map<String, Object> args) {
    HookContext ctx = new HookContext(session.config().role(), session.config().phase());
    ctx.args().putAll(args);
    return session.runTool(tool, tool(tool), Optional.of(ctx));
  }

  /**
   * A tool result, by preference: its structured content; else the text of its text blocks, joined
   * with newlines; else the raw content blocks. {@code isError} throws {@link McpToolException}
   * with the text.
   */
  static Object unwrap(String tool, McpSchema.CallToolResult result) {
    List<McpSchema.Content> content = result.content() == null ? List.of() : result.content();
    List<String> texts =
        content.stream()
            .filter(McpSchema.TextContent.class::isInstance)
            .map(c -> ((McpSchema.TextContent) c).text())
            .toList();
    if (Boolean.TRUE.equals(result.isError())) {
      throw new McpToolException(tool, texts.isEmpty() ? "no message" : String.join("\n", texts));
    }
    if (result.structuredContent() != null) {
      return result.structuredContent();
    }
    if (!texts.isEmpty()) {
      return texts.stream().collect(Collectors.joining("\n"));
    }
    return content;
  }
}
