package dev.agentdispatch.server.doors.v1.agents;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.Debounce;
import dev.agentdispatch.core.agent.DegradePolicy;
import dev.agentdispatch.core.agent.Delivery;
import dev.agentdispatch.core.agent.FunctionSpec;
import dev.agentdispatch.core.agent.Lane;
import dev.agentdispatch.core.agent.Limits;
import dev.agentdispatch.core.agent.Names;
import dev.agentdispatch.core.agent.RateLimit;
import dev.agentdispatch.core.agent.TaskRole;
import dev.agentdispatch.core.agent.Trigger;
import dev.agentdispatch.core.invocation.RetryPolicy;
import dev.agentdispatch.core.topic.Topics;
import dev.agentdispatch.server.app.Check;
import dev.agentdispatch.server.app.llm.pricing.Usd;
import dev.agentdispatch.server.doors.http.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Turns the {@code /v1} wire form of an agent into the core model, refusing what is invalid with a
 * clear message.
 */
final class AgentSpecParser {
  private AgentSpecParser() {}

  static AgentSpec parse(String namespace, String name, AgentBody body) {
    Names.require(name, "agent name");
    if (body.functions() == null) {
      throw ApiException.badRequest("'functions' is required (a list, possibly empty)");
    }
    List<FunctionSpec> functions = new ArrayList<>();
    for (int i = 0; i < body.functions().size(); i++) {
      functions.add(function(body.functions().get(i), "functions[" + i + "]"));
    }
    return new AgentSpec(
        namespace,
        name,
        Optional.ofNullable(body.description()),
        functions,
        Optional.ofNullable(body.version()),
        Optional.ofNullable(body.metadata()).map(JsonNode::toString),
        delivery(body.delivery()),
        Usd.parse(body.monthlyBudgetUsd(), "monthly_budget_usd", Usd.MAX_BUDGET),
        cap(body.maxConcurrency(), "max_concurrency"),
        rate(body.rateLimit(), "rate_limit"),
        lanes(body.lanes()),
        degrade(body.degrade()),
        tasks(body));
  }

  private static TaskRole tasks(AgentBody body) {
    try {
      return new TaskRole(
          Optional.ofNullable(body.capabilities()).orElse(List.of()),
          Optional.ofNullable(body.maxOpenTasks()),
          Optional.ofNullable(body.taskFunction()));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  private static Delivery delivery(AgentBody.DeliveryBody d) {
    if (d == null) {
      return Delivery.PULL;
    }
    String mode = required(d.mode(), "delivery.mode");
    return switch (mode) {
      case "pull" -> {
        refused(d.address(), "delivery.address", "grpc");
        refused(d.tls(), "delivery.tls", "grpc");
        refused(d.url(), "delivery.url", "http or a2a");
        refused(d.tokenEnv(), "delivery.token_env", "a2a");
        yield Delivery.PULL;
      }
      case "grpc" -> {
        refused(d.url(), "delivery.url", "http or a2a");
        refused(d.tokenEnv(), "delivery.token_env", "a2a");
        try {
          yield new Delivery.Grpc(
              required(d.address(), "delivery.address"), Boolean.TRUE.equals(d.tls()));
        } catch (IllegalArgumentException e) {
          throw ApiException.badRequest("delivery.address: " + e.getMessage());
        }
      }
      case "http" -> {
        refused(d.address(), "delivery.address", "grpc");
        refused(d.tokenEnv(), "delivery.token_env", "a2a");
        if (d.tls() != null) {
          throw ApiException.badRequest(
              "delivery.tls applies only to mode grpc: an http agent uses TLS when its url is"
                  + " https://");
        }
        try {
          yield Delivery.Http.of(required(d.url(), "delivery.url"));
        } catch (IllegalArgumentException e) {
          throw ApiException.badRequest("delivery.url: " + e.getMessage());
        }
      }
      case "a2a" -> {
        refused(d.address(), "delivery.address", "grpc");
        if (d.tls() != null) {
          throw ApiException.badRequest(
              "delivery.tls applies only to mode grpc: an a2a agent uses TLS when its url is"
                  + " https://");
        }
        Delivery.A2a remote;
        try {
          remote = Delivery.A2a.of(required(d.url(), "delivery.url"));
        } catch (IllegalArgumentException e) {
          throw ApiException.badRequest("delivery.url: " + e.getMessage());
        }
        try {
          yield new Delivery.A2a(remote.cardUrl(), Optional.ofNullable(d.tokenEnv()));
        } catch (IllegalArgumentException e) {
          throw ApiException.badRequest("delivery." + e.getMessage());
        }
      }
      default ->
          throw ApiException.badRequest(
              "delivery.mode must be pull, grpc, http or a2a; got '" + mode + "'");
    };
  }

  private static void refused(Object value, String field, String mode) {
    if (value != null) {
      throw ApiException.badRequest(field + " applies only to delivery mode " + mode);
    }
  }

  private static FunctionSpec function(AgentBody.FunctionBody f, String where) {
    if (f == null || f.name() == null) {
      throw ApiException.badRequest(where + ".name is required");
    }
    List<Trigger> triggers = new ArrayList<>();
    for (AgentBody.TriggerBody t : Optional.ofNullable(f.triggers()).orElse(List.of())) {
      triggers.add(trigger(t, where));
    }
    return new FunctionSpec(
        f.name(),
        Optional.ofNullable(f.description()),
        schema(f.inputSchema(), where + ".input_schema"),
        schema(f.outputSchema(), where + ".output_schema"),
        triggers,
        Optional.ofNullable(f.retry()).map(r -> r.override().over(RetryPolicy.DEFAULT)),
        Check.seconds(f.timeoutSeconds(), where + ".timeout_seconds"),
        Check.seconds(f.attemptTimeoutSeconds(), where + ".attempt_timeout_seconds"),
        cap(f.maxConcurrency(), where + ".max_concurrency"),
        cap(f.keyConcurrency(), where + ".key_concurrency"),
        rate(f.rateLimit(), where + ".rate_limit"),
        debounce(f.debounce(), where + ".debounce"));
  }

  private static Optional<Debounce> debounce(AgentBody.DebounceBody d, String where) {
    if (d == null) {
      return Optional.empty();
    }
    if (d.periodSeconds() == null) {
      throw ApiException.badRequest("'" + where + "' needs 'period_seconds'");
    }
    try {
      return Optional.of(
          new Debounce(
              Duration.ofSeconds(d.periodSeconds()),
              Optional.ofNullable(d.maxWaitSeconds()).map(Duration::ofSeconds)));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("'" + where + "': " + e.getMessage());
    }
  }

  private static Optional<DegradePolicy> degrade(AgentBody.DegradeBody d) {
    if (d == null) {
      return Optional.empty();
    }
    if (d.afterFailures() == null) {
      throw ApiException.badRequest("'degrade' needs 'after_failures'");
    }
    DegradePolicy.Mode mode =
        switch (d.mode() == null ? "pause" : d.mode()) {
          case "pause" -> DegradePolicy.Mode.PAUSE;
          case "slow" -> DegradePolicy.Mode.SLOW;
          default ->
              throw ApiException.badRequest(
                  "'degrade.mode' must be 'pause' or 'slow', got '" + d.mode() + "'");
        };
    try {
      return Optional.of(new DegradePolicy(d.afterFailures(), mode));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  private static List<Lane> lanes(Map<String, AgentBody.LaneBody> lanes) {
    if (lanes == null) {
      return List.of();
    }
    List<Lane> out = new ArrayList<>();
    for (Map.Entry<String, AgentBody.LaneBody> e : new TreeMap<>(lanes).entrySet()) {
      String where = "lanes." + e.getKey();
      if (!Names.valid(e.getKey())) {
        throw ApiException.badRequest("'" + where + "' is not a valid lane name");
      }
      AgentBody.LaneBody b = e.getValue();
      if (b == null) {
        throw ApiException.badRequest("'" + where + "' must be an object");
      }
      Integer reserved = b.reserved();
      if (reserved != null && (reserved < 0 || reserved > Limits.MAX_CAP)) {
        throw ApiException.badRequest(
            "'"
                + where
                + ".reserved' must be between 0 and "
                + Limits.MAX_CAP
                + ", got "
                + reserved);
      }
      out.add(
          new Lane(
              e.getKey(),
              cap(b.maxConcurrency(), where + ".max_concurrency"),
              reserved == null ? 0 : reserved));
    }
    return out;
  }

  private static Optional<RateLimit> rate(AgentBody.RateLimitBody r, String where) {
    if (r == null) {
      return Optional.empty();
    }
    if (r.limit() == null || r.periodSeconds() == null) {
      throw ApiException.badRequest("'" + where + "' needs 'limit' and 'period_seconds'");
    }
    RateLimit.Mode mode =
        switch (r.mode() == null ? "reject" : r.mode()) {
          case "reject" -> RateLimit.Mode.REJECT;
          case "throttle" -> RateLimit.Mode.THROTTLE;
          default ->
              throw ApiException.badRequest(
                  "'" + where + ".mode' must be 'reject' or 'throttle', got '" + r.mode() + "'");
        };
    try {
      return Optional.of(
          new RateLimit(
              r.limit(),
              Duration.ofSeconds(r.periodSeconds()),
              r.burst() == null ? r.limit() : r.burst(),
              Boolean.TRUE.equals(r.byKey()),
              mode));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("'" + where + "': " + e.getMessage());
    }
  }

  private static Optional<Integer> cap(Integer value, String where) {
    if (value == null) {
      return Optional.empty();
    }
    if (value < 1 || value > Limits.MAX_CAP) {
      throw ApiException.badRequest(
          "'" + where + "' must be between 1 and " + Limits.MAX_CAP + ", got " + value);
    }
    return Optional.of(value);
  }

  private static Optional<String> schema(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isObject() && !node.isBoolean()) {
      throw ApiException.badRequest(where + " must be a JSON Schema object");
    }
    return Optional.of(node.toString());
  }

  private static Trigger trigger(AgentBody.TriggerBody t, String where) {
    String type = t == null ? null : t.type();
    if (type == null) {
      throw ApiException.badRequest(
          where + ".triggers[].type is required (callable, topic or schedule)");
    }
    return switch (type) {
      case "callable" -> new Trigger.Callable();
      case "topic" ->
          new Trigger.Topic(pattern(required(t.topic(), where + ".triggers[].topic"), where));
      case "schedule" ->
          new Trigger.Schedule(
              required(t.cron(), where + ".triggers[].cron"),
              Optional.ofNullable(t.timezone()),
              Optional.ofNullable(t.payload()).map(JsonNode::toString));
      default ->
          throw ApiException.badRequest(
              where + ".triggers[].type must be callable, topic or schedule; got '" + type + "'");
    };
  }

  private static String pattern(String pattern, String where) {
    try {
      return Topics.requirePattern(pattern);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(where + ".triggers[].topic: " + e.getMessage());
    }
  }

  private static String required(String value, String where) {
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest(where + " is required");
    }
    return value;
  }
}
