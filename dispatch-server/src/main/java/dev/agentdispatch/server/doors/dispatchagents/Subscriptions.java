package dev.agentdispatch.server.doors.dispatchagents;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.Delivery;
import dev.agentdispatch.core.agent.FunctionSpec;
import dev.agentdispatch.core.agent.Names;
import dev.agentdispatch.core.agent.Trigger;
import dev.agentdispatch.core.invocation.Jitter;
import dev.agentdispatch.core.invocation.RetryPolicy;
import dev.agentdispatch.core.topic.Topics;
import dev.agentdispatch.server.doors.http.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Turns an agent's {@code events/subscribe} into the core model of a push agent. */
final class Subscriptions {
  /**
   * The SDK treats {@code ValueError} and its subclasses as a caller's mistake that a retry cannot
   * fix; only the class name crosses the wire, so the known subclasses are listed by name.
   */
  static final List<String> NON_RETRYABLE =
      List.of("ValueError", "ValidationError", "JSONDecodeError", "UnicodeDecodeError");

  /**
   * Enough attempts, spaced out, for an agent process that crashed mid-call to come back (it starts
   * in about two seconds and re-subscribes at once).
   */
  static final RetryPolicy RETRY =
      new RetryPolicy(5, 1_000, 2.0, 10_000, Jitter.EQUAL, NON_RETRYABLE);

  private Subscriptions() {}

  static AgentSpec spec(String namespace, Wire.Subscribe body, String grpcAddress) {
    String name = body.agentName();
    if (name == null || name.isBlank()) {
      throw ApiException.badRequest("agent_name is required");
    }
    if (!Names.valid(name)) {
      throw ApiException.badRequest("agent_name '" + name + "' is not a valid name");
    }
    if (body.functions() == null) {
      throw ApiException.badRequest(
          "functions are required: this server needs dispatch_agents 0.9 or newer");
    }
    List<FunctionSpec> functions = new ArrayList<>();
    for (Wire.AgentFunction f : body.functions()) {
      functions.add(function(f));
    }
    return new AgentSpec(
        namespace,
        name,
        Optional.empty(),
        functions,
        Optional.empty(),
        Optional.empty(),
        new Delivery.Grpc(grpcAddress));
  }

  private static FunctionSpec function(Wire.AgentFunction f) {
    if (f == null || f.name() == null || !Names.valid(f.name())) {
      throw ApiException.badRequest(
          "function name '" + (f == null ? null : f.name()) + "' is not a valid name");
    }
    List<Trigger> triggers = new ArrayList<>();
    for (Wire.FunctionTrigger t : Optional.ofNullable(f.triggers()).orElse(List.of())) {
      triggers.add(trigger(f.name(), t));
    }
    if (triggers.isEmpty()) {
      triggers.add(new Trigger.Callable());
    }
    return new FunctionSpec(
        f.name(),
        Optional.ofNullable(f.description()),
        schema(f.inputSchema()),
        schema(f.outputSchema()),
        triggers,
        Optional.of(RETRY),
        Optional.empty(),
        Optional.empty());
  }

  private static Trigger trigger(String function, Wire.FunctionTrigger t) {
    String type = t == null ? null : t.type();
    return switch (type == null ? "" : type) {
      case "callable" -> new Trigger.Callable();
      case "topic" -> {
        if (t.topic() == null) {
          throw ApiException.badRequest(
              "function '" + function + "' has a topic trigger without a topic");
        }
        try {
          yield new Trigger.Topic(Topics.requirePattern(t.topic()));
        } catch (IllegalArgumentException e) {
          throw ApiException.badRequest(
              "function '"
                  + function
                  + "' subscribes to topic '"
                  + t.topic()
                  + "': "
                  + e.getMessage());
        }
      }
      default ->
          throw ApiException.badRequest(
              "function '"
                  + function
                  + "' has a trigger of type '"
                  + type
                  + "'; this server takes callable and topic");
    };
  }

  private static Optional<String> schema(JsonNode node) {
    return Optional.ofNullable(node).filter(n -> !n.isNull()).map(JsonNode::toString);
  }
}
