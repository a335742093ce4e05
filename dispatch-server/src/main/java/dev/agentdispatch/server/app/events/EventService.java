package dev.agentdispatch.server.app.events;

import dev.agentdispatch.core.auth.KeySecrets;
import dev.agentdispatch.core.id.Ids;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.core.invocation.Message;
import dev.agentdispatch.core.topic.Topics;
import dev.agentdispatch.server.app.Check;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.invocations.InvocationSpecs;
import dev.agentdispatch.server.metrics.ServerMeters;
import dev.agentdispatch.server.tracing.Admission;
import dev.agentdispatch.server.tracing.ServerTracing;
import dev.agentdispatch.server.tracing.SpanNames;
import dev.agentdispatch.store.event.EventRecord;
import dev.agentdispatch.store.event.EventStore;
import dev.agentdispatch.store.event.PublishOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publishing: an event fans out into one invocation per subscribed function, all stored in one
 * transaction with the event. Each invocation is a topic message whose parent is the event, so the
 * trace reads emitter → event → handlers.
 */
public final class EventService {
  public static final int MAX_LIST = 500;

  private final EventStore store;
  private final SubscriptionIndex subscriptions;
  private final Clock clock;
  private final int maxPayloadBytes;
  private final ServerTracing tracing;

  /** The outcome of a publish, and whether it repeated an earlier one. */
  public record Published(EventRecord event, boolean deduplicated) {}

  private final ServerMeters meters;

  /** Each publish is a span of {@code tracing}, with its fan-out, continuing the caller's trace. */
  public EventService(
      EventStore store,
      SubscriptionIndex subscriptions,
      Clock clock,
      int maxPayloadBytes,
      ServerMeters meters,
      ServerTracing tracing) {
    this.meters = meters;
    this.tracing = tracing;
    this.store = store;
    this.subscriptions = subscriptions;
    this.clock = clock;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  public Published publish(String namespace, PublishRequest r) {
    return tracing
        .admit("admit publish", r.traceId(), true)
        .tag(SpanNames.NAMESPACE, namespace)
        .tag(SpanNames.TOPIC, r.topic())
        .around(trace -> {
          Published published = publish(namespace, r, trace);
          trace.tag(SpanNames.EVENT_ID, published.event().id());
          trace.count(SpanNames.FAN_OUT, published.event().invocationIds().size());
          return published;
        });
  }

  private Published publish(String namespace, PublishRequest r, Admission trace) {
    String topic = r.topic();
    String payload = Check.size(r.payload().toString(), maxPayloadBytes, "payload");
    Optional<String> sender = r.senderId();
    Optional<String> parent = r.parentId();
    Optional<String> key = r.idempotencyKey();
    String traceId = trace.traceId();
    Instant now = clock.instant();
    String eventId = Ids.uuid7();
    List<InvocationSpec> specs = new ArrayList<>();
    for (SubscriptionIndex.Subscriber s : subscriptions.match(namespace, topic)) {
      specs.add(
          InvocationSpecs.forFunction(
              namespace,
              s.agent(),
              s.function(),
              payload,
              traceId,
              trace.parentSpanIdFor(traceId),
              Optional.of(eventId),
              Optional.empty(),
              Message.topic(topic, eventId, sender),
              now));
    }
    EventRecord event =
        new EventRecord(
            eventId,
            namespace,
            topic,
            payload,
            sender,
            traceId,
            parent,
            key,
            key.map(k -> KeySecrets.hash(topic + "\n" + payload)),
            specs.stream().map(InvocationSpec::id).toList(),
            now);
    return switch (store.publish(event, specs, now)) {
      case PublishOutcome.Published p -> {
        meters.eventPublished(namespace, topic, specs.size());
        yield new Published(p.event(), false);
      }
      case PublishOutcome.Deduplicated d -> new Published(d.event(), true);
      case PublishOutcome.IdempotencyConflict c ->
          throw new ServiceException.Conflict(
              "idempotency_conflict",
              "idempotency_key '"
                  + key.orElseThrow()
                  + "' was already used by a different event ("
                  + c.event().id()
                  + ")",
              Optional.of(Map.of("event_uid", c.event().id())));
    };
  }

  public List<EventRecord> list(String namespace, Optional<String> topic, int limit) {
    Check.limit(limit, MAX_LIST);
    topic.ifPresent(Topics::requireTopic);
    return store.list(namespace, topic, limit);
  }
}
