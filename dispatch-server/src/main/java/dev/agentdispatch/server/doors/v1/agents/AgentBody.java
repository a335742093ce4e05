package dev.agentdispatch.server.doors.v1.agents;

import dev.agentdispatch.server.doors.v1.wire.RetryBody;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Wire form of {@code PUT /agents/{agent}} (DESIGN §5). Only fields the server acts on are
 * accepted: an unknown field is refused, never stored silently. {@code monthly_budget_usd} is
 * enforced by the LLM gateway; {@code max_concurrency} (here and per function) and {@code
 * key_concurrency} by dispatch (docs/flow-control.md); {@code capabilities}, {@code max_open_tasks}
 * and {@code task_function} by the task router (docs/task-routing.md).
 */
public record AgentBody(
    String description,
    List<FunctionBody> functions,
    String version,
    JsonNode metadata,
    JsonNode monthlyBudgetUsd,
    DeliveryBody delivery,
    Integer maxConcurrency,
    RateLimitBody rateLimit,
    Map<String, LaneBody> lanes,
    DegradeBody degrade,
    List<String> capabilities,
    Integer maxOpenTasks,
    String taskFunction) {

  /**
   * {@code {after_failures, mode?}}: a class (lane) is degraded after that many consecutive failed
   * attempts; {@code mode} {@code pause} (default: nothing of it is leased until reset) or {@code
   * slow} (one attempt at a time, so a success clears it).
   */
  public record DegradeBody(Integer afterFailures, String mode) {}

  /**
   * One execution class, by name: {@code max_concurrency} caps its running invocations; {@code
   * reserved} slots of the agent's cap are kept for it.
   */
  public record LaneBody(Integer maxConcurrency, Integer reserved) {}

  /**
   * {@code {limit, period_seconds, burst?, by_key?, mode?}}: a token bucket of {@code burst}
   * (default {@code limit}) refilled {@code limit} per {@code period_seconds}; {@code mode} {@code
   * reject} (default: 429 with Retry-After) or {@code throttle} (accepted, delayed).
   */
  public record RateLimitBody(
      Integer limit, Integer periodSeconds, Integer burst, Boolean byKey, String mode) {}

  /**
   * {@code {mode: pull}} (the default), {@code {mode: grpc, address, tls?}}, {@code {mode: http,
   * url}} or {@code {mode: a2a, url, token_env?}}.
   */
  public record DeliveryBody(
      String mode, String address, Boolean tls, String url, String tokenEnv) {}

  /** One function of an agent. */
  public record FunctionBody(
      String name,
      String description,
      JsonNode inputSchema,
      JsonNode outputSchema,
      List<TriggerBody> triggers,
      RetryBody retry,
      Integer timeoutSeconds,
      Integer attemptTimeoutSeconds,
      Integer maxConcurrency,
      Integer keyConcurrency,
      RateLimitBody rateLimit,
      DebounceBody debounce) {}

  /** {@code {period_seconds, max_wait_seconds?}}: see {@code Debounce}. */
  public record DebounceBody(Integer periodSeconds, Integer maxWaitSeconds) {}

  /**
   * {@code {type: callable}}, {@code {type: topic, topic}} or {@code {type: schedule, cron,
   * timezone?, payload?}}.
   */
  public record TriggerBody(
      String type, String topic, String cron, String timezone, JsonNode payload) {}
}
