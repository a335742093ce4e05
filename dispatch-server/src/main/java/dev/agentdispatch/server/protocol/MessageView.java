package dev.agentdispatch.server.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agentdispatch.core.invocation.Message;

/**
 * {@code {type, topic?, schedule_name?, uid?, sender_id?}}: what started an invocation; {@code uid}
 * is the event's for topic messages.
 */
public record MessageView(
    String type,
    @JsonInclude(JsonInclude.Include.NON_NULL) String topic,
    @JsonInclude(JsonInclude.Include.NON_NULL) String scheduleName,
    @JsonInclude(JsonInclude.Include.NON_NULL) String uid,
    @JsonInclude(JsonInclude.Include.NON_NULL) String senderId) {
  public static MessageView of(Message m) {
    return new MessageView(
        m.kind().wire(),
        m.topic().orElse(null),
        m.scheduleName().orElse(null),
        m.eventId().orElse(null),
        m.senderId().orElse(null));
  }
}
