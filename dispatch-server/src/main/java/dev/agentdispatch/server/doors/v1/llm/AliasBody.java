package dev.agentdispatch.server.doors.v1.llm;

/** Wire form of {@code PUT /llm/aliases/{alias}}. */
public record AliasBody(String model) {}
