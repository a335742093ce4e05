package dev.agentdispatch.sdk.model;

import static java.util.Objects.requireNonNull;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * A session input handed to a running run mid-run (strategy {@code steer}), from a heartbeat
 * answer.
 *
 * @param inputId the input's id; report it in the result's {@code consumed_inputs} once taken
 * @param seq its place in the session
 * @param input the input itself
 */
public record SteeredInput(String inputId, long seq, JsonNode input) {
  /** Checks the id and normalises a missing input to JSON null. */
  public SteeredInput {
    requireNonNull(inputId, "inputId is null");
    input = input == null ? NullNode.getInstance() : input;
  }
}
