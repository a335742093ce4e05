package dev.agentdispatch.server.doors.v1.llm;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Wire form of {@code PUT /llm/providers/{name}}. {@code apiKey} is read only to be refused with a
 * message saying where keys go instead.
 */
public record ProviderBody(
    String format,
    String baseUrl,
    String apiKeyEnv,
    List<String> models,
    String defaultModel,
    Integer priority,
    JsonNode apiKey) {}
