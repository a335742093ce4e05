package dev.agentdispatch.sdk.model;

import static java.util.Objects.requireNonNull;

import dev.agentdispatch.sdk.json.Normalize;
import java.util.Optional;

/**
 * How a function is reached.
 *
 * @param type {@code callable}, {@code topic} or {@code schedule}
 * @param topic the topic, for topic triggers
 * @param cron the cron expression, for schedule triggers
 * @param timezone the IANA zone of the cron expression
 */
public record Trigger(
    String type, Optional<String> topic, Optional<String> cron, Optional<String> timezone) {
  /** Checks the type and normalises absent fields. */
  public Trigger {
    requireNonNull(type, "type is null");
    topic = Normalize.optional(topic);
    cron = Normalize.optional(cron);
    timezone = Normalize.optional(timezone);
  }

  /**
   * Returns the trigger for direct invocation.
   *
   * @return a callable trigger
   */
  public static Trigger callable() {
    return new Trigger("callable", Optional.empty(), Optional.empty(), Optional.empty());
  }
}
