package dev.agentdispatch.server.events;

import dev.agentdispatch.core.auth.KeySecrets;
import dev.agentdispatch.core.id.Ids;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.core.invocation.Message;
import dev.agentdispatch.core.topic.Topics;
import dev.agentdispatch.server.api.ApiException;
import dev.agentdispatch.server.invocations.InvocationSpecs;
import dev.agentdispatch.store.event.EventRecord;
import dev.agentdispatch.store.event.EventStore;
import dev.agentdispatch.store.event.PublishOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publishing: an event fans out into one invocation per subscribed function, all stored in one
 * transaction with the event. Each invocation is a topic message whose parent is the event, so the trace
 * reads emitter → event → handlers.
 */
public final class EventService {
  public static final int MAX_LIST = 500;
  private static final int MAX_ID_LENGTH = 128;

  private final EventStore store;
  private final SubscriptionIndex subscriptions;
  private final Clock clock;
  private final int maxPayloadBytes;

  /** The outcome of a publish, and whether it repeated an earlier one. */
  public record Published(EventRecord event, boolean deduplicated) {}

  public EventService(EventStore store, SubscriptionIndex subscriptions, Clock clock, int maxPayloadBytes) {
    this.store = store;
    this.subscriptions = subscriptions;
    this.clock = clock;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  public Published publish(String namespace, EventBody body) {
    if (body.topic() == null) {
      throw ApiException.badRequest("'topic' is required");
    }
    String topic = Topics.requireTopic(body.topic());
    String payload = body.payload() == null ? "{}" : body.payload().toString();
    int size = payload.getBytes(StandardCharsets.UTF_8).length;
    if (size > maxPayloadBytes) {
      throw ApiException.tooLarge("payload is " + size + " bytes; the limit is " + maxPayloadBytes + " bytes");
    }
    Optional<String> sender = optionalId(body.senderId(), "sender_id");
    Optional<String> parent = optionalId(body.parentId(), "parent_id");
    Optional<String> key = optionalId(body.idempotencyKey(), "idempotency_key");
    String traceId = optionalId(body.traceId(), "trace_id").orElseGet(Ids::uuid7);
    Instant now = clock.instant();
    String eventId = Ids.uuid7();
    List<InvocationSpec> specs = new ArrayList<>();
    for (SubscriptionIndex.Subscriber s : subscriptions.match(namespace, topic)) {
      specs.add(InvocationSpecs.forFunction(namespace, s.agent(), s.function(), payload, traceId, Optional.of(eventId),
          Optional.empty(), Message.topic(topic, eventId, sender), now));
    }
    EventRecord event = new EventRecord(eventId, namespace, topic, payload, sender, traceId, parent, key,
        key.map(k -> KeySecrets.hash(topic + "\n" + payload)), specs.stream().map(InvocationSpec::id).toList(), now);
    return switch (store.publish(event, specs, now)) {
      case PublishOutcome.Published p -> new Published(p.event(), false);
      case PublishOutcome.Deduplicated d -> new Published(d.event(), true);
      case PublishOutcome.IdempotencyConflict c -> throw ApiException.conflict("idempotency_conflict",
          "idempotency_key '" + key.orElseThrow() + "' was already used by a different event (" + c.event().id() + ")",
          Optional.of(Map.of("event_uid", c.event().id())));
    };
  }

  public List<EventRecord> list(String namespace, Optional<String> topic, int limit) {
    if (limit < 1 || limit > MAX_LIST) {
      throw ApiException.badRequest("limit must be between 1 and " + MAX_LIST + ", got " + limit);
    }
    topic.ifPresent(Topics::requireTopic);
    return store.list(namespace, topic, limit);
  }

  private static Optional<String> optionalId(String value, String field) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.isBlank() || value.length() > MAX_ID_LENGTH) {
      throw ApiException.badRequest(field + " must be 1 to " + MAX_ID_LENGTH + " characters");
    }
    return Optional.of(value);
  }
}
