package dev.agentdispatch.examples.chat;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * What the chat agent takes and returns in each turn.
 *
 * @param text the message
 */
public record Message(@JsonPropertyDescription("The message text") String text) {}
