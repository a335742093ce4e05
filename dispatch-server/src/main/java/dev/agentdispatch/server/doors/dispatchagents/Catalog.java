package dev.agentdispatch.server.doors.dispatchagents;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.agentdispatch.core.agent.Delivery;
import dev.agentdispatch.core.agent.FunctionSpec;
import dev.agentdispatch.core.agent.Trigger;
import dev.agentdispatch.server.app.agents.AgentService;
import dev.agentdispatch.server.app.agents.RegisteredAgent;
import dev.agentdispatch.server.app.events.EventService;
import dev.agentdispatch.store.event.EventRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The read endpoints the CLI shows agents and recent events with ({@code agents/list}, …). */
final class Catalog {
  private final AgentService agents;
  private final EventService events;

  Catalog(AgentService agents, EventService events) {
    this.agents = agents;
    this.events = events;
  }

  /** One handler as the SDK declared it. */
  record AgentFunction(
      String name,
      String description,
      @JsonRawValue String inputSchema,
      @JsonRawValue String outputSchema,
      List<FunctionTrigger> triggers) {
    static AgentFunction of(FunctionSpec f) {
      return new AgentFunction(
          f.name(),
          f.description().orElse(null),
          f.inputSchemaJson().orElse("{}"),
          f.outputSchemaJson().orElse(null),
          f.triggers().stream().map(t -> FunctionTrigger.of(f.name(), t)).toList());
    }
  }

  record FunctionTrigger(String type, String topic, String functionName) {
    static FunctionTrigger of(String function, Trigger t) {
      return switch (t) {
        case Trigger.Topic topic -> new FunctionTrigger("topic", topic.topic(), null);
        case Trigger.Schedule s -> new FunctionTrigger("schedule", null, function);
        case Trigger.Callable c -> new FunctionTrigger("callable", null, function);
      };
    }
  }

  record ListedAgent(
      String name,
      String url,
      List<AgentFunction> functions,
      List<String> topics,
      String status,
      String lastSeen) {}

  record SchemaAgent(String name, String status, String url, List<AgentFunction> functions) {}

  record Schemas(List<SchemaAgent> agents) {}

  record RecentEvent(
      String uid,
      String type,
      String topic,
      @JsonRawValue String payload,
      String traceId,
      String senderId,
      String ts,
      String parentId,
      String storedAt) {}

  record Recent(List<RecentEvent> events) {}

  record TopicSubscriber(String agentName, HandlerSchema schema) {}

  record HandlerSchema(
      String handlerName,
      String handlerDoc,
      @JsonRawValue String inputSchema,
      @JsonRawValue String outputSchema) {}

  record Topics(Map<String, List<TopicSubscriber>> topics) {}

  /** Every subscribed topic pattern with the handlers (and their schemas) that receive it. */
  Topics topics(String ns) {
    Map<String, List<TopicSubscriber>> out = new TreeMap<>();
    for (RegisteredAgent a : agents.list(ns)) {
      for (FunctionSpec f : a.spec().functions()) {
        for (Trigger t : f.triggers()) {
          if (t instanceof Trigger.Topic topic) {
            out.computeIfAbsent(topic.topic(), k -> new ArrayList<>())
                .add(
                    new TopicSubscriber(
                        a.spec().name(),
                        new HandlerSchema(
                            f.name(),
                            f.description().orElse(null),
                            f.inputSchemaJson().orElse("{}"),
                            f.outputSchemaJson().orElse(null))));
          }
        }
      }
    }
    return new Topics(out);
  }

  List<ListedAgent> agents(String ns, int limit) {
    return agents.list(ns).stream()
        .limit(limit)
        .map(a ->
            new ListedAgent(
                a.spec().name(),
                url(a),
                functions(a),
                a.spec().functions().stream()
                    .flatMap(f -> f.triggers().stream())
                    .filter(t -> t instanceof Trigger.Topic)
                    .map(t -> ((Trigger.Topic) t).topic())
                    .distinct()
                    .toList(),
                a.health(),
                a.lastHeartbeat().orElse(a.updatedAt()).toString()))
        .toList();
  }

  Schemas schemas(String ns) {
    return new Schemas(
        agents.list(ns).stream()
            .map(a -> new SchemaAgent(a.spec().name(), a.health(), url(a), functions(a)))
            .toList());
  }

  /** The newest {@code limit} events (of {@code topic}), oldest first, as the CLI prints them. */
  Recent recent(String ns, Optional<String> topic, int limit) {
    List<RecentEvent> out = new ArrayList<>();
    for (EventRecord e : events.list(ns, topic, limit).reversed()) {
      out.add(
          new RecentEvent(
              e.id(),
              "topic",
              e.topic(),
              e.payloadJson(),
              e.traceId(),
              e.senderId().orElse(null),
              e.createdAt().toString(),
              e.parentId().orElse(null),
              e.createdAt().toString()));
    }
    return new Recent(out);
  }

  private static List<AgentFunction> functions(RegisteredAgent a) {
    return a.spec().functions().stream().map(AgentFunction::of).toList();
  }

  private static String url(RegisteredAgent a) {
    return switch (a.spec().delivery()) {
      case Delivery.Grpc g -> g.address();
      case Delivery.Http h -> h.url().toString();
      case Delivery.A2a remote -> remote.cardUrl().toString();
      case Delivery.Pull p -> null;
    };
  }
}
