package dev.agentdispatch.server.doors.v1.events;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.agentdispatch.store.event.EventRecord;
import java.time.Instant;
import java.util.List;

/** An event as the API shows it. */
public record EventView(
    String eventUid,
    String topic,
    @JsonRawValue String payload,
    String senderId,
    String traceId,
    String parentId,
    List<String> invocationIds,
    int handlerCount,
    Instant createdAt) {
  public static EventView of(EventRecord e) {
    return new EventView(
        e.id(),
        e.topic(),
        e.payloadJson(),
        e.senderId().orElse(null),
        e.traceId(),
        e.parentId().orElse(null),
        e.invocationIds(),
        e.invocationIds().size(),
        e.createdAt());
  }
}
