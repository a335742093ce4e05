package dev.agentdispatch.sdk.model;

import static java.util.Objects.requireNonNull;

import tools.jackson.databind.JsonNode;

/**
 * One entry a worker appends to an invocation's event log.
 *
 * @param type {@code log}, {@code progress}, {@code output} or {@code custom}
 * @param data the entry's content
 */
public record WorkerEvent(String type, JsonNode data) {
  /** Checks both fields. */
  public WorkerEvent {
    requireNonNull(type, "type is null");
    requireNonNull(data, "data is null");
  }
}
