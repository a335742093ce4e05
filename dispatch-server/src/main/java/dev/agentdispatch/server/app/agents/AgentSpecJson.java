package dev.agentdispatch.server.app.agents;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.Debounce;
import dev.agentdispatch.core.agent.DegradePolicy;
import dev.agentdispatch.core.agent.Delivery;
import dev.agentdispatch.core.agent.FunctionSpec;
import dev.agentdispatch.core.agent.Lane;
import dev.agentdispatch.core.agent.RateLimit;
import dev.agentdispatch.core.agent.TaskRole;
import dev.agentdispatch.core.agent.Trigger;
import dev.agentdispatch.core.invocation.Jitter;
import dev.agentdispatch.core.invocation.RetryPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored form of a registered agent: the parsed {@link AgentSpec}, written once at registration
 * and read back without re-validation. It is deliberately the storage's own shape, not any door's
 * wire form, so a door's API can change without a data migration. Rows written before this form
 * (the {@code /v1} registration body) have the same field names and read back the same way.
 */
final class AgentSpecJson {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL))
          .build();

  private AgentSpecJson() {}

  record Stored(
      String description,
      List<StoredFunction> functions,
      String version,
      JsonNode metadata,
      StoredDelivery delivery,
      BigDecimal monthlyBudgetUsd,
      Integer maxConcurrency,
      StoredRate rateLimit,
      List<StoredLane> lanes,
      StoredDegrade degrade,
      List<String> capabilities,
      Integer maxOpenTasks,
      String taskFunction) {}

  record StoredDegrade(int afterFailures, String mode) {}

  record StoredLane(String name, Integer maxConcurrency, int reserved) {}

  record StoredRate(int limit, long periodMs, int burst, boolean byKey, String mode) {}

  /**
   * Absent for pull (and in rows written before push delivery existed); {@code address} and {@code
   * tls} for grpc ({@code tls} absent: plaintext), {@code url} for http.
   */
  record StoredDelivery(String mode, String address, Boolean tls, String url, String tokenEnv) {}

  record StoredFunction(
      String name,
      String description,
      JsonNode inputSchema,
      JsonNode outputSchema,
      List<StoredTrigger> triggers,
      StoredRetry retry,
      Long timeoutSeconds,
      Long attemptTimeoutSeconds,
      Integer maxConcurrency,
      Integer keyConcurrency,
      StoredRate rateLimit,
      StoredDebounce debounce) {}

  record StoredDebounce(long periodMs, Long maxWaitMs) {}

  record StoredTrigger(String type, String topic, String cron, String timezone, JsonNode payload) {}

  record StoredRetry(
      Integer maxAttempts,
      Long initialBackoffMs,
      Double backoffMultiplier,
      Long maxBackoffMs,
      String jitter,
      List<String> nonRetryableErrors) {}

  static String write(AgentSpec spec) {
    List<StoredFunction> functions =
        spec.functions().stream().map(AgentSpecJson::function).toList();
    return MAPPER.writeValueAsString(
        new Stored(
            spec.description().orElse(null),
            functions,
            spec.version().orElse(null),
            spec.metadataJson().map(MAPPER::readTree).orElse(null),
            delivery(spec.delivery()),
            spec.monthlyBudgetUsd().orElse(null),
            spec.maxConcurrency().orElse(null),
            spec.rateLimit().map(AgentSpecJson::rate).orElse(null),
            spec.lanes().isEmpty()
                ? null
                : spec.lanes().stream()
                    .map(l ->
                        new StoredLane(l.name(), l.maxConcurrency().orElse(null), l.reserved()))
                    .toList(),
            spec.degrade()
                .map(d ->
                    new StoredDegrade(d.afterFailures(), d.mode().name().toLowerCase(Locale.ROOT)))
                .orElse(null),
            spec.tasks().capabilities().isEmpty() ? null : spec.tasks().capabilities(),
            spec.tasks().maxOpenTasks().orElse(null),
            spec.tasks().taskFunction().orElse(null)));
  }

  static AgentSpec read(String namespace, String name, String json) {
    Stored s = MAPPER.readValue(json, Stored.class);
    List<FunctionSpec> functions =
        Optional.ofNullable(s.functions()).orElse(List.of()).stream()
            .map(AgentSpecJson::function)
            .toList();
    return new AgentSpec(
        namespace,
        name,
        Optional.ofNullable(s.description()),
        functions,
        Optional.ofNullable(s.version()),
        Optional.ofNullable(s.metadata()).filter(m -> !m.isNull()).map(JsonNode::toString),
        delivery(s.delivery()),
        Optional.ofNullable(s.monthlyBudgetUsd()),
        Optional.ofNullable(s.maxConcurrency()),
        Optional.ofNullable(s.rateLimit()).map(AgentSpecJson::rate),
        Optional.ofNullable(s.lanes()).orElse(List.of()).stream()
            .map(l -> new Lane(l.name(), Optional.ofNullable(l.maxConcurrency()), l.reserved()))
            .toList(),
        Optional.ofNullable(s.degrade())
            .map(d ->
                new DegradePolicy(
                    d.afterFailures(),
                    DegradePolicy.Mode.valueOf(d.mode().toUpperCase(Locale.ROOT)))),
        new TaskRole(
            Optional.ofNullable(s.capabilities()).orElse(List.of()),
            Optional.ofNullable(s.maxOpenTasks()),
            Optional.ofNullable(s.taskFunction())));
  }

  private static StoredDelivery delivery(Delivery d) {
    return switch (d) {
      case Delivery.Pull p -> null;
      case Delivery.Grpc g ->
          new StoredDelivery(g.mode(), g.address(), g.tls() ? true : null, null, null);
      case Delivery.Http h -> new StoredDelivery(h.mode(), null, null, h.url().toString(), null);
      case Delivery.A2a a ->
          new StoredDelivery(
              a.mode(), null, null, a.cardUrl().toString(), a.tokenEnv().orElse(null));
    };
  }

  private static Delivery delivery(StoredDelivery d) {
    if (d == null || d.mode() == null || d.mode().equals("pull")) {
      return Delivery.PULL;
    }
    return switch (d.mode()) {
      case "grpc" -> new Delivery.Grpc(d.address(), Boolean.TRUE.equals(d.tls()));
      case "http" -> Delivery.Http.of(d.url());
      case "a2a" -> Delivery.A2a.of(d.url(), d.tokenEnv());
      default ->
          throw new IllegalStateException("stored delivery mode '" + d.mode() + "' is unknown");
    };
  }

  private static StoredFunction function(FunctionSpec f) {
    return new StoredFunction(
        f.name(),
        f.description().orElse(null),
        f.inputSchemaJson().map(MAPPER::readTree).orElse(null),
        f.outputSchemaJson().map(MAPPER::readTree).orElse(null),
        f.triggers().stream().map(AgentSpecJson::trigger).toList(),
        f.retry()
            .map(r ->
                new StoredRetry(
                    r.maxAttempts(),
                    r.initialBackoffMs(),
                    r.backoffMultiplier(),
                    r.maxBackoffMs(),
                    r.jitter().wire(),
                    r.nonRetryableErrors()))
            .orElse(null),
        f.timeout().map(Duration::toSeconds).orElse(null),
        f.attemptTimeout().map(Duration::toSeconds).orElse(null),
        f.maxConcurrency().orElse(null),
        f.keyConcurrency().orElse(null),
        f.rateLimit().map(AgentSpecJson::rate).orElse(null),
        f.debounce()
            .map(d ->
                new StoredDebounce(
                    d.period().toMillis(), d.maxWait().map(Duration::toMillis).orElse(null)))
            .orElse(null));
  }

  private static FunctionSpec function(StoredFunction f) {
    return new FunctionSpec(
        f.name(),
        Optional.ofNullable(f.description()),
        schema(f.inputSchema()),
        schema(f.outputSchema()),
        Optional.ofNullable(f.triggers()).orElse(List.of()).stream()
            .map(AgentSpecJson::trigger)
            .toList(),
        Optional.ofNullable(f.retry()).map(AgentSpecJson::retry),
        Optional.ofNullable(f.timeoutSeconds()).map(Duration::ofSeconds),
        Optional.ofNullable(f.attemptTimeoutSeconds()).map(Duration::ofSeconds),
        Optional.ofNullable(f.maxConcurrency()),
        Optional.ofNullable(f.keyConcurrency()),
        Optional.ofNullable(f.rateLimit()).map(AgentSpecJson::rate),
        Optional.ofNullable(f.debounce())
            .map(d ->
                new Debounce(
                    Duration.ofMillis(d.periodMs()),
                    Optional.ofNullable(d.maxWaitMs()).map(Duration::ofMillis))));
  }

  private static Optional<String> schema(JsonNode node) {
    return Optional.ofNullable(node).filter(n -> !n.isNull()).map(JsonNode::toString);
  }

  private static StoredTrigger trigger(Trigger t) {
    return switch (t) {
      case Trigger.Callable c -> new StoredTrigger("callable", null, null, null, null);
      case Trigger.Topic topic -> new StoredTrigger("topic", topic.topic(), null, null, null);
      case Trigger.Schedule s ->
          new StoredTrigger(
              "schedule",
              null,
              s.cron(),
              s.timezone().orElse(null),
              s.payloadJson().map(MAPPER::readTree).orElse(null));
    };
  }

  private static Trigger trigger(StoredTrigger t) {
    return switch (t.type()) {
      case "topic" -> new Trigger.Topic(t.topic());
      case "schedule" ->
          new Trigger.Schedule(
              t.cron(),
              Optional.ofNullable(t.timezone()),
              Optional.ofNullable(t.payload()).filter(p -> !p.isNull()).map(JsonNode::toString));
      default -> new Trigger.Callable();
    };
  }

  /**
   * Absent fields of rows stored as a registration body fall back to the defaults, as they did at
   * admission.
   */
  private static RetryPolicy retry(StoredRetry r) {
    RetryPolicy d = RetryPolicy.DEFAULT;
    long initial = Optional.ofNullable(r.initialBackoffMs()).orElse(d.initialBackoffMs());
    return RetryPolicy.stored(
        Optional.ofNullable(r.maxAttempts()).orElse(d.maxAttempts()),
        initial,
        Optional.ofNullable(r.backoffMultiplier()).orElse(d.backoffMultiplier()),
        Optional.ofNullable(r.maxBackoffMs()).orElse(Math.max(d.maxBackoffMs(), initial)),
        Optional.ofNullable(r.jitter()).flatMap(Jitter::parse).orElse(d.jitter()),
        Optional.ofNullable(r.nonRetryableErrors()).orElse(d.nonRetryableErrors()));
  }

  private static StoredRate rate(RateLimit r) {
    return new StoredRate(
        r.limit(),
        r.period().toMillis(),
        r.burst(),
        r.byKey(),
        r.mode().name().toLowerCase(Locale.ROOT));
  }

  private static RateLimit rate(StoredRate r) {
    return new RateLimit(
        r.limit(),
        Duration.ofMillis(r.periodMs()),
        r.burst(),
        r.byKey(),
        RateLimit.Mode.valueOf(r.mode().toUpperCase(Locale.ROOT)));
  }
}
