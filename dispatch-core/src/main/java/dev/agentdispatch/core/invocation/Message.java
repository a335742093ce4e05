package dev.agentdispatch.core.invocation;

import java.util.Objects;
import java.util.Optional;

/**
 * How an invocation was started: a direct call, a topic event or a schedule fire.
 *
 * @param kind the message type
 * @param topic the event's topic, for {@link MessageKind#TOPIC}
 * @param scheduleName the schedule's name, for {@link MessageKind#SCHEDULE}
 */
public record Message(MessageKind kind, Optional<String> topic, Optional<String> scheduleName) {
  public static final Message FUNCTION = new Message(MessageKind.FUNCTION, Optional.empty(), Optional.empty());

  public Message {
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(topic, "topic is null");
    Objects.requireNonNull(scheduleName, "scheduleName is null");
  }
}
