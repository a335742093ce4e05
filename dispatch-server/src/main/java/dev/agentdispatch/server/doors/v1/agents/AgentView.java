package dev.agentdispatch.server.doors.v1.agents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.agentdispatch.core.agent.Delivery;
import dev.agentdispatch.core.agent.FunctionSpec;
import dev.agentdispatch.core.agent.Lane;
import dev.agentdispatch.core.agent.Trigger;
import dev.agentdispatch.server.app.agents.RegisteredAgent;
import dev.agentdispatch.server.app.flow.FlowStatus;
import dev.agentdispatch.server.doors.v1.wire.RetryBody;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** An agent as the API shows it: what it declared, as the server understood it, and its health. */
public record AgentView(
    String name,
    String namespace,
    String description,
    List<FunctionView> functions,
    String status,
    Instant lastHeartbeat,
    int workers,
    String version,
    @JsonRawValue String metadata,
    DeliveryView delivery,
    BigDecimal monthlyBudgetUsd,
    Integer maxConcurrency,
    @JsonInclude(JsonInclude.Include.NON_NULL) RateLimitView rateLimit,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, LaneView> lanes,
    @JsonInclude(JsonInclude.Include.NON_NULL) DegradeView degrade,
    @JsonInclude(JsonInclude.Include.NON_NULL) FlowView flow,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> capabilities,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxOpenTasks,
    @JsonInclude(JsonInclude.Include.NON_NULL) String taskFunction,
    Instant createdAt,
    Instant updatedAt) {

  /** A function's debounce as registered. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DebounceView(long periodSeconds, Long maxWaitSeconds) {}

  /** The degrade policy as registered. */
  public record DegradeView(int afterFailures, String mode) {}

  /** A lane as registered. */
  public record LaneView(Integer maxConcurrency, int reserved) {}

  /** A function with its effective settings; absent ones fall back to the server's defaults. */
  public record FunctionView(
      String name,
      String description,
      @JsonRawValue String inputSchema,
      @JsonRawValue String outputSchema,
      List<TriggerView> triggers,
      @JsonInclude(JsonInclude.Include.NON_NULL) RetryBody retry,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long timeoutSeconds,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long attemptTimeoutSeconds,
      @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxConcurrency,
      @JsonInclude(JsonInclude.Include.NON_NULL) Integer keyConcurrency,
      @JsonInclude(JsonInclude.Include.NON_NULL) RateLimitView rateLimit,
      @JsonInclude(JsonInclude.Include.NON_NULL) DebounceView debounce) {
    static FunctionView of(FunctionSpec f) {
      return new FunctionView(
          f.name(),
          f.description().orElse(null),
          f.inputSchemaJson().orElse(null),
          f.outputSchemaJson().orElse(null),
          f.triggers().stream().map(TriggerView::of).toList(),
          f.retry().map(RetryBody::of).orElse(null),
          f.timeout().map(Duration::toSeconds).orElse(null),
          f.attemptTimeout().map(Duration::toSeconds).orElse(null),
          f.maxConcurrency().orElse(null),
          f.keyConcurrency().orElse(null),
          f.rateLimit().map(RateLimitView::of).orElse(null),
          f.debounce()
              .map(d ->
                  new DebounceView(
                      d.period().toSeconds(), d.maxWait().map(Duration::toSeconds).orElse(null)))
              .orElse(null));
    }
  }

  /**
   * {@code {type: callable}}, {@code {type: topic, topic}} or {@code {type: schedule, cron,
   * timezone?, payload?}}.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TriggerView(
      String type, String topic, String cron, String timezone, @JsonRawValue String payload) {
    static TriggerView of(Trigger t) {
      return switch (t) {
        case Trigger.Callable c -> new TriggerView("callable", null, null, null, null);
        case Trigger.Topic topic -> new TriggerView("topic", topic.topic(), null, null, null);
        case Trigger.Schedule s ->
            new TriggerView(
                "schedule",
                null,
                s.cron(),
                s.timezone().orElse(null),
                s.payloadJson().orElse(null));
      };
    }
  }

  /**
   * {@code {mode: pull}}, {@code {mode: grpc, address, tls, not_serving_since?}} or {@code {mode:
   * http, url}}. {@code not_serving_since}: the agent has answered this node's health checks with
   * {@code NOT_SERVING} since then, so this node holds its pushes.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DeliveryView(
      String mode,
      String address,
      Boolean tls,
      String url,
      String tokenEnv,
      Instant notServingSince) {
    static DeliveryView of(Delivery d, Optional<Instant> notServingSince) {
      return switch (d) {
        case Delivery.Pull p -> new DeliveryView(p.mode(), null, null, null, null, null);
        case Delivery.Grpc g ->
            new DeliveryView(
                g.mode(), g.address(), g.tls(), null, null, notServingSince.orElse(null));
        case Delivery.Http h ->
            new DeliveryView(h.mode(), null, null, h.url().toString(), null, null);
        case Delivery.A2a a ->
            new DeliveryView(
                a.mode(), null, null, a.cardUrl().toString(), a.tokenEnv().orElse(null), null);
      };
    }
  }

  public static AgentView of(RegisteredAgent a) {
    return of(a, Optional.empty());
  }

  /** The agent with its flow control state ({@code flow}), when given. */
  public static AgentView of(RegisteredAgent a, Optional<FlowStatus> flow) {
    var s = a.spec();
    return new AgentView(
        s.name(),
        s.namespace(),
        s.description().orElse(null),
        s.functions().stream().map(FunctionView::of).toList(),
        a.health(),
        a.lastHeartbeat().orElse(null),
        a.liveWorkers(),
        s.version().orElse(null),
        s.metadataJson().orElse(null),
        DeliveryView.of(s.delivery(), a.notServingSince()),
        s.monthlyBudgetUsd().orElse(null),
        s.maxConcurrency().orElse(null),
        s.rateLimit().map(RateLimitView::of).orElse(null),
        lanes(s.lanes()),
        s.degrade()
            .map(d -> new DegradeView(d.afterFailures(), d.mode().name().toLowerCase(Locale.ROOT)))
            .orElse(null),
        flow.map(FlowView::of).orElse(null),
        s.tasks().capabilities(),
        s.tasks().maxOpenTasks().orElse(null),
        s.tasks().capabilities().isEmpty() ? null : s.tasks().function(),
        a.createdAt(),
        a.updatedAt());
  }

  private static Map<String, LaneView> lanes(List<Lane> lanes) {
    Map<String, LaneView> out = new LinkedHashMap<>();
    lanes.forEach(
        l -> out.put(l.name(), new LaneView(l.maxConcurrency().orElse(null), l.reserved())));
    return out;
  }
}
