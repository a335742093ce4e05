package dev.agentdispatch.runtime.mcp;

import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real MCP server on the SDK's stdio transport, started as a child process by {@link
 * McpToolAdapterTest}: {@code add} answers structured content, {@code echo} text, {@code fail} an
 * error, {@code image} a non-text block.
 */
public final class McpTestServer {
  private McpTestServer() {}

  public static void main(String[] args) throws InterruptedException {
    // stdout carries the protocol: anything else printed there (a console logger) would corrupt
    // it, so everything but the transport prints to stderr.
    java.io.PrintStream protocol = System.out;
    System.setOut(System.err);
    JacksonMcpJsonMapper mapper = new JacksonMcpJsonMapper(JsonMapper.builder().build());
    Map<String, Object> anyObject = Map.of("type", "object");
    McpSyncServer server =
        McpServer.sync(new StdioServerTransportProvider(mapper, System.in, protocol))
            .serverInfo("runtime-test", "1.0")
            .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
            .tools(
                tool(
                    "add",
                    anyObject,
                    a -> {
                      long sum =
                          ((Number) a.get("a")).longValue() + ((Number) a.get("b")).longValue();
                      return McpSchema.CallToolResult.builder()
                          .structuredContent(Map.of("sum", sum))
                          .addTextContent(Long.toString(sum))
                          .build();
                    }),
                tool(
                    "echo",
                    anyObject,
                    a ->
                        McpSchema.CallToolResult.builder()
                            .addTextContent("you said:")
                            .addTextContent(String.valueOf(a.get("text")))
                            .build()),
                tool(
                    "fail",
                    anyObject,
                    a ->
                        McpSchema.CallToolResult.builder()
                            .addTextContent("disk on fire")
                            .isError(true)
                            .build()),
                tool(
                    "image",
                    anyObject,
                    a ->
                        McpSchema.CallToolResult.builder()
                            .addContent(McpSchema.ImageContent.builder("aGk=", "image/png").build())
                            .build()))
            .build();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    Thread.currentThread().join(); // serve until the client ends the process
  }

  private static SyncToolSpecification tool(
      String name,
      Map<String, Object> schema,
      java.util.function.Function<Map<String, Object>, McpSchema.CallToolResult> handler) {
    return SyncToolSpecification.builder()
        .tool(McpSchema.Tool.builder(name, schema).description(name).build())
        .callHandler((exchange, request) -> handler.apply(request.arguments()))
        .build();
  }
}
