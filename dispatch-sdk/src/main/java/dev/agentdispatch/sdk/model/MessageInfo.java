package dev.agentdispatch.sdk.model;

import dev.agentdispatch.sdk.json.Normalize;
import java.util.Optional;

/**
 * How an invocation reached its function.
 *
 * @param type {@code function}, {@code topic} or {@code schedule}
 * @param topic the topic, for topic messages
 * @param scheduleName the schedule, for scheduled messages
 */
public record MessageInfo(String type, Optional<String> topic, Optional<String> scheduleName) {
  /** Normalises absent fields. */
  public MessageInfo {
    type = type == null ? "function" : type;
    topic = Normalize.optional(topic);
    scheduleName = Normalize.optional(scheduleName);
  }
}
