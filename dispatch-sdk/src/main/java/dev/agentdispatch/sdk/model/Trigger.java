package dev.agentdispatch.sdk.model;

import static java.util.Objects.requireNonNull;

import dev.agentdispatch.sdk.json.Normalize;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * How a function is reached.
 *
 * @param type {@code callable}, {@code topic} or {@code schedule}
 * @param topic the topic, for topic triggers
 * @param cron the cron expression, for schedule triggers
 * @param timezone the IANA zone of the cron expression
 */
public record Trigger(
    String type,
    Optional<String> topic,
    Optional<String> cron,
    Optional<String> timezone,
    Optional<JsonNode> payload) {
  /** Checks the type and normalises absent fields. */
  public Trigger {
    requireNonNull(type, "type is null");
    topic = Normalize.optional(topic);
    cron = Normalize.optional(cron);
    timezone = Normalize.optional(timezone);
    payload = Normalize.optional(payload);
  }

  /**
   * Returns the trigger for direct invocation.
   *
   * @return a callable trigger
   */
  public static Trigger callable() {
    return new Trigger(
        "callable", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Returns a subscription to a topic pattern.
   *
   * @param pattern e.g. {@code orders.*}
   * @return a topic trigger
   */
  public static Trigger topic(String pattern) {
    return new Trigger(
        "topic", Optional.of(pattern), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Returns a cron schedule.
   *
   * @param cron five fields, or six with leading seconds
   * @param timezone an IANA zone
   * @param payload what each fire passes
   * @return a schedule trigger
   */
  public static Trigger schedule(String cron, String timezone, JsonNode payload) {
    return new Trigger(
        "schedule",
        Optional.empty(),
        Optional.of(cron),
        Optional.of(timezone),
        Optional.of(payload));
  }
}
