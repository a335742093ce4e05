package dev.agentdispatch.examples.greeter;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Output of the greeter's functions.
 *
 * @param message the greeting
 */
public record Greeting(@JsonPropertyDescription("The greeting") String message) {}
