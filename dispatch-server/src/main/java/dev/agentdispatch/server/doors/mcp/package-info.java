/**
 * The MCP door: a Model Context Protocol server (streamable HTTP, revision 2025-11-25, sessions and
 * stateless) at {@code /mcp/{ns}}. Every callable function of the namespace is a tool, and {@code
 * tools/call} is an invocation (or a session input) through the same services as {@code /v1}. See
 * {@code docs/protocols.md}.
 */
package dev.agentdispatch.server.doors.mcp;
