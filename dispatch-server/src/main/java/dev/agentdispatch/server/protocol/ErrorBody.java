package dev.agentdispatch.server.protocol;

import tools.jackson.databind.JsonNode;

/**
 * {@code {error, error_type?, trace?, details?}} as a worker or an HTTP push agent reports a
 * failure; {@code details} is any JSON, kept as sent.
 */
public record ErrorBody(String error, String errorType, String trace, JsonNode details) {}
