package dev.agentdispatch.server.doors.mcp;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * One MCP session ({@code Mcp-Session-Id}), held in this node's memory: who opened it, what the
 * client can do, the Dispatch session each of its tools talks to, and the requests this server sent
 * the client that await an answer.
 */
final class McpSession {
  private final String id;
  private final String namespace;
  private final String keyId;
  private final String protocolVersion;
  private final boolean elicitation;
  private final Map<String, String> conversations = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<JsonNode>> awaiting = new ConcurrentHashMap<>();
  private volatile Instant lastUsed;

  McpSession(
      String namespace, String keyId, String protocolVersion, boolean elicitation, Instant now) {
    this.id = UUID.randomUUID().toString();
    this.namespace = namespace;
    this.keyId = keyId;
    this.protocolVersion = protocolVersion;
    this.elicitation = elicitation;
    this.lastUsed = now;
  }

  String id() {
    return id;
  }

  String namespace() {
    return namespace;
  }

  /** The API key that opened it: only that key may use it. */
  String keyId() {
    return keyId;
  }

  String protocolVersion() {
    return protocolVersion;
  }

  /** Whether the client declared the {@code elicitation} capability (form mode). */
  boolean elicitation() {
    return elicitation;
  }

  Instant lastUsed() {
    return lastUsed;
  }

  void touch(Instant now) {
    lastUsed = now;
  }

  /**
   * The id of the Dispatch session {@code tool} talks to in this MCP session, made up on first use
   * (a name: {@code mcp-} and a random UUID).
   */
  String conversation(String tool) {
    return conversations.computeIfAbsent(tool, t -> "mcp-" + UUID.randomUUID());
  }

  /** Registers a request sent to the client; its answer completes the future. */
  CompletableFuture<JsonNode> expect(String requestId) {
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    awaiting.put(requestId, answer);
    return answer;
  }

  void forget(String requestId) {
    awaiting.remove(requestId);
  }

  /** Hands the client's response to the request it answers; false when none waits for it. */
  boolean answer(String requestId, JsonNode message) {
    return Optional.ofNullable(awaiting.remove(requestId))
        .map(f -> f.complete(message))
        .orElse(false);
  }
}
