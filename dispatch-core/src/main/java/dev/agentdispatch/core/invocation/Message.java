package dev.agentdispatch.core.invocation;

import java.util.Objects;
import java.util.Optional;

/**
 * How an invocation was started: a direct call, a topic event or a schedule fire.
 *
 * @param kind the message type
 * @param topic the event's topic, for {@link MessageKind#TOPIC}
 * @param scheduleName the schedule's name, for {@link MessageKind#SCHEDULE}
 * @param eventId the uid of the event that fanned out into this invocation, for {@link
 *     MessageKind#TOPIC}
 * @param senderId who published the event, when it said
 */
public record Message(
    MessageKind kind,
    Optional<String> topic,
    Optional<String> scheduleName,
    Optional<String> eventId,
    Optional<String> senderId) {
  public static final Message FUNCTION =
      new Message(
          MessageKind.FUNCTION,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());

  public Message {
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(topic, "topic is null");
    Objects.requireNonNull(scheduleName, "scheduleName is null");
    Objects.requireNonNull(eventId, "eventId is null");
    Objects.requireNonNull(senderId, "senderId is null");
  }

  /** The message of an invocation fanned out from event {@code eventId} on {@code topic}. */
  public static Message topic(String topic, String eventId, Optional<String> senderId) {
    return new Message(
        MessageKind.TOPIC, Optional.of(topic), Optional.empty(), Optional.of(eventId), senderId);
  }

  /** The message of an invocation fired by schedule {@code name}. */
  public static Message schedule(String name) {
    return new Message(
        MessageKind.SCHEDULE,
        Optional.empty(),
        Optional.of(name),
        Optional.empty(),
        Optional.empty());
  }
}
