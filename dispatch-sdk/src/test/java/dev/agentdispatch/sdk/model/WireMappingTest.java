package dev.agentdispatch.sdk.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.agentdispatch.sdk.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

class WireMappingTest {
  private static final String VIEW =
      """
      {"invocation_id":"inv-1","namespace":"default","agent":"greeter","function":"greet",
       "status":"error","payload":{"name":"Ada"},"result":null,
       "error":{"error":"boom","error_type":"IllegalStateException","trace":"at x"},
       "attempt":2,"max_attempts":3,
       "attempts":[{"attempt":1,"lease_id":"l-1","worker_id":"w-1",
                    "started_at":"2026-01-02T03:04:05.123Z","finished_at":null,
                    "outcome":"lease_expired","error":null,"brand_new":1}],
       "trace_id":"tr-1","parent_id":null,"session_id":null,"priority":5,
       "message":{"type":"function"},"cancel_requested":false,"dead_lettered":true,
       "created_at":"2026-01-02T03:04:05Z","started_at":"2026-01-02T03:04:06Z",
       "finished_at":null,"available_at":"2026-01-02T03:04:07Z","deadline":null,
       "field_from_a_newer_server":{"x":1}}
      """;

  @Test
  void invocationViewReadsSnakeCaseAndIgnoresUnknownFields() {
    InvocationView view = Json.wire().readValue(VIEW, InvocationView.class);

    assertThat(view.invocationId()).isEqualTo("inv-1");
    assertThat(view.status()).isEqualTo(InvocationStatus.ERROR);
    assertThat(view.payload().path("name").asString()).isEqualTo("Ada");
    assertThat(view.result()).isEmpty();
    assertThat(view.error())
        .hasValueSatisfying(e -> {
          assertThat(e.errorType()).isEqualTo("IllegalStateException");
          assertThat(e.trace()).contains("at x");
          assertThat(e.details()).isEmpty();
        });
    assertThat(view.maxAttempts()).isEqualTo(3);
    assertThat(view.attempts())
        .singleElement()
        .satisfies(a -> {
          assertThat(a.startedAt()).contains(Instant.parse("2026-01-02T03:04:05.123Z"));
          assertThat(a.finishedAt()).isEmpty();
          assertThat(a.outcome()).contains("lease_expired");
        });
    assertThat(view.parentId()).isEmpty();
    assertThat(view.deadLettered()).isTrue();
    assertThat(view.message()).hasValueSatisfying(m -> assertThat(m.type()).isEqualTo("function"));
    assertThat(view.createdAt()).contains(Instant.parse("2026-01-02T03:04:05Z"));
    assertThat(view.deadline()).isEmpty();
  }

  @Test
  void missingFieldsBecomeEmptyNotNull() {
    InvocationView view =
        Json.wire()
            .readValue(
                "{\"invocation_id\":\"i\",\"status\":\"pending\",\"trace_id\":\"t\"}",
                InvocationView.class);

    assertThat(view.attempts()).isEmpty();
    assertThat(view.error()).isEmpty();
    assertThat(view.payload()).isEqualTo(NullNode.getInstance());
    assertThat(view.startedAt()).isEmpty();
  }

  @Test
  void statusesParseCaseInsensitivelyAndUnknownOnesDoNotFail() {
    assertThat(InvocationStatus.fromWire("TIMED_OUT")).isEqualTo(InvocationStatus.TIMED_OUT);
    assertThat(InvocationStatus.fromWire("paused_by_martians")).isEqualTo(InvocationStatus.UNKNOWN);
    assertThat(Json.wire().writeValueAsString(InvocationStatus.WAITING_FOR_INPUT))
        .isEqualTo("\"waiting_for_input\"");
    assertThat(InvocationStatus.CANCELLED.isTerminal()).isTrue();
    assertThat(InvocationStatus.WAITING_FOR_INPUT.isTerminal()).isFalse();
  }

  @Test
  void resultIsReadIntoUserRecords() {
    InvocationView view =
        Json.wire()
            .readValue(
                "{\"invocation_id\":\"i\",\"status\":\"completed\",\"trace_id\":\"t\","
                    + "\"result\":{\"message\":\"hi\",\"extra\":1}}",
                InvocationView.class);

    assertThat(view.resultAs(Reply.class)).contains(new Reply("hi"));
  }

  @Test
  void leaseReadsEveryContractField() {
    Lease lease =
        Json.wire()
            .readValue(
                """
                {"lease_id":"l","invocation_id":"i","agent":"a","function":"f","payload":{"k":1},
                 "attempt":1,"max_attempts":3,"trace_id":"t","parent_id":"p","session_id":null,
                 "message":{"type":"topic","topic":"a.b"},"lease_expires_at":"2026-01-01T00:00:30Z",
                 "deadline":"2026-01-01T01:00:00Z"}
                """,
                Lease.class);

    assertThat(lease.parentId()).contains("p");
    assertThat(lease.sessionId()).isEmpty();
    assertThat(lease.message().flatMap(MessageInfo::topic)).contains("a.b");
    assertThat(lease.leaseExpiresAt()).contains(Instant.parse("2026-01-01T00:00:30Z"));
  }

  @Test
  void completionResultsHaveTheContractShapes() {
    assertThat(write(CompletionResult.completed("l1", null)))
        .isEqualTo("{\"lease_id\":\"l1\",\"status\":\"completed\",\"result\":null}");
    assertThat(write(CompletionResult.cancelled("l2")))
        .isEqualTo("{\"lease_id\":\"l2\",\"status\":\"cancelled\"}");
    JsonNode error =
        Json.wire()
            .valueToTree(
                CompletionResult.error(
                    "l3", InvocationError.of("bad", "IllegalArgumentException"), false));
    assertThat(error.path("error").path("error_type").asString())
        .isEqualTo("IllegalArgumentException");
    assertThat(error.path("retryable").asBoolean(true)).isFalse();
    JsonNode retryable =
        Json.wire()
            .valueToTree(
                CompletionResult.error("l4", InvocationError.of("flaky", "IOException"), true));
    assertThat(retryable.has("retryable")).isFalse();
  }

  @Test
  void registrationWritesSnakeCaseSchemasAndRetry() {
    FunctionSpec fn =
        new FunctionSpec(
            "greet",
            Optional.of("says hi"),
            Optional.of(Json.wire().createObjectNode().put("type", "object")),
            Optional.empty(),
            List.of(Trigger.callable()),
            Optional.of(RetryPolicy.defaults().withMaxAttempts(5)),
            Optional.of(60),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    JsonNode json = Json.wire().valueToTree(AgentRegistration.of(List.of(fn)));

    JsonNode f = json.path("functions").path(0);
    assertThat(f.path("input_schema").path("type").asString()).isEqualTo("object");
    assertThat(f.has("output_schema")).isFalse();
    assertThat(f.path("triggers").path(0).path("type").asString()).isEqualTo("callable");
    assertThat(f.path("retry").path("max_attempts").asInt()).isEqualTo(5);
    assertThat(f.path("retry").path("jitter").asString()).isEqualTo("full");
    assertThat(f.path("retry").path("non_retryable_errors").isArray()).isTrue();
    assertThat(f.path("timeout_seconds").asInt()).isEqualTo(60);
    assertThat(json.has("metadata")).isFalse();
    // The server refuses unknown fields and caps of 0, so absent limits must be left out.
    assertThat(f.has("max_concurrency")).isFalse();
    assertThat(f.has("key_concurrency")).isFalse();
    assertThat(f.has("rate_limit")).isFalse();
    assertThat(json.has("max_concurrency")).isFalse();
    assertThat(json.has("rate_limit")).isFalse();
    assertThat(f.has("debounce")).isFalse();
    assertThat(json.has("lanes")).isFalse();
    assertThat(json.has("degrade")).isFalse();
  }

  @Test
  void registrationWritesLanesDegradeAndDebounceAsTheServerNamesThem() {
    FunctionSpec fn =
        spec("summarise")
            .withDebounce(Debounce.of(Duration.ofSeconds(2)).withMaxWait(Duration.ofMinutes(1)));
    Map<String, LaneSpec> lanes = new LinkedHashMap<>();
    lanes.put("interactive", LaneSpec.reserving(5));
    lanes.put("batch", LaneSpec.capped(12));
    lanes.put("both", LaneSpec.capped(3).withReserved(1));
    AgentRegistration registration =
        AgentRegistration.of(List.of(fn, spec("plain")))
            .withMaxConcurrency(20)
            .withLanes(lanes)
            .withDegrade(new DegradePolicy(3, DegradeMode.SLOW));

    JsonNode json = Json.wire().valueToTree(registration);

    assertThat(json.path("lanes").toString())
        .isEqualTo(
            "{\"interactive\":{\"reserved\":5},\"batch\":{\"max_concurrency\":12,\"reserved\":0},"
                + "\"both\":{\"max_concurrency\":3,\"reserved\":1}}");
    assertThat(json.path("degrade").toString())
        .isEqualTo("{\"after_failures\":3,\"mode\":\"slow\"}");
    assertThat(json.path("functions").path(0).path("debounce").toString())
        .isEqualTo("{\"period_seconds\":2,\"max_wait_seconds\":60}");
    assertThat(Json.wire().valueToTree(Debounce.of(Duration.ofSeconds(5))).toString())
        .isEqualTo("{\"period_seconds\":5}");
    assertThat(json.path("functions").path(1).has("debounce")).isFalse();
    assertThat(
            Json.wire()
                .valueToTree(
                    AgentRegistration.of(List.of()).withDegrade(new DegradePolicy(2, null)))
                .path("degrade")
                .toString())
        .as("the server's default mode, said out loud")
        .isEqualTo("{\"after_failures\":2,\"mode\":\"pause\"}");
  }

  @Test
  void lanesDegradeAndDebounceOutsideWhatTheServerAcceptsAreRefused() {
    AgentRegistration base = AgentRegistration.of(List.of());
    assertThatIllegalArgumentException()
        .isThrownBy(() -> base.withLanes(Map.of("interactive", LaneSpec.reserving(1))))
        .withMessage("lanes reserve 1 slots, more than the agent's maxConcurrency (none)");
    Map<String, LaneSpec> tooMuch = new LinkedHashMap<>();
    tooMuch.put("a", LaneSpec.reserving(2));
    tooMuch.put("b", LaneSpec.reserving(2));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> base.withMaxConcurrency(3).withLanes(tooMuch))
        .withMessage("lanes reserve 4 slots, more than the agent's maxConcurrency (3)");
    assertThat(base.withMaxConcurrency(4).withLanes(tooMuch).lanes()).hasSize(2);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> base.withLanes(Map.of("no lane", LaneSpec.capped(1))))
        .withMessageContaining("lane name 'no lane' is invalid");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LaneSpec.capped(0))
        .withMessage("maxConcurrency of a lane must be in 1..100000, got 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LaneSpec.reserving(-1))
        .withMessage("reserved of a lane must be in 0..100000, got -1");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new DegradePolicy(0, DegradeMode.PAUSE))
        .withMessage("afterFailures must be in 1..10000, got 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Debounce.of(Duration.ofMillis(500)))
        .withMessageContaining("whole seconds");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Debounce.of(Duration.ofDays(2)))
        .withMessage("periodSeconds must be in 1..86400, got 172800");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Debounce.of(Duration.ofSeconds(10)).withMaxWait(Duration.ofSeconds(5)))
        .withMessage("maxWaitSeconds must be in 10 (the period)..604800, got 5");
  }

  @Test
  void agentViewReadsLanesDegradeDebounceAndTheirFlow() {
    AgentView agent =
        Json.wire()
            .readValue(
                """
                {"name":"a","functions":[
                   {"name":"f","debounce":{"period_seconds":2}},
                   {"name":"g","debounce":{"period_seconds":2,"max_wait_seconds":30}}],
                 "max_concurrency":3,
                 "lanes":{"interactive":{"max_concurrency":null,"reserved":1},
                          "batch":{"max_concurrency":3,"reserved":0}},
                 "degrade":{"after_failures":2,"mode":"pause"},
                 "flow":{"paused":false,"max_concurrency":3,"running":2,"pending":3,"key_blocked":0,
                   "functions":[],
                   "lanes":[
                     {"name":"interactive","max_concurrency":null,"reserved":1,"running":0,"pending":1},
                     {"name":"batch","max_concurrency":3,"reserved":0,"running":2,"pending":2}],
                   "classes":[
                     {"lane":"","failures":1,"degraded_since":null,"mode":null},
                     {"lane":"batch","failures":2,"degraded_since":"2026-01-02T03:04:05Z",
                      "mode":"pause"}]}}
                """,
                AgentView.class);

    assertThat(agent.lanes())
        .containsExactly(
            Map.entry("interactive", LaneSpec.reserving(1)),
            Map.entry("batch", LaneSpec.capped(3)));
    assertThat(agent.degrade()).contains(new DegradePolicy(2, DegradeMode.PAUSE));
    assertThat(agent.functions().get(0).debounce()).contains(Debounce.of(Duration.ofSeconds(2)));
    assertThat(agent.functions().get(1).debounce().flatMap(Debounce::maxWait))
        .contains(Duration.ofSeconds(30));
    FlowState flow = agent.flow().orElseThrow();
    assertThat(flow.lane("batch")).contains(new LaneFlow("batch", Optional.of(3), 0, 2, 2));
    assertThat(flow.lane("interactive").flatMap(LaneFlow::maxConcurrency)).isEmpty();
    assertThat(flow.lane("nope")).isEmpty();
    FlowClass failing = flow.executionClass(Optional.empty()).orElseThrow();
    assertThat(failing.lane()).as("the default lane's \"\" reads as empty").isEmpty();
    assertThat(failing.failures()).isEqualTo(1);
    assertThat(failing.degraded()).isFalse();
    assertThat(failing.mode()).isEmpty();
    assertThat(flow.degradedClasses())
        .containsExactly(
            new FlowClass(
                Optional.of("batch"),
                2,
                Optional.of(Instant.parse("2026-01-02T03:04:05Z")),
                Optional.of(DegradeMode.PAUSE)));
    assertThat(flow.executionClass(Optional.of("interactive"))).isEmpty();
  }

  @Test
  void registrationWritesTheFlowLimitsAsTheServerNamesThem() {
    FunctionSpec fn =
        spec("answer")
            .withMaxConcurrency(15)
            .withKeyConcurrency(1)
            .withRateLimit(RateLimit.of(10, Duration.ofMinutes(1)).perKey());
    AgentRegistration registration =
        AgentRegistration.of(List.of(fn))
            .withMaxConcurrency(20)
            .withRateLimit(RateLimit.of(600, Duration.ofMinutes(1)).withBurst(50).throttle());

    JsonNode json = Json.wire().valueToTree(registration);

    assertThat(json.path("max_concurrency").asInt()).isEqualTo(20);
    assertThat(json.path("rate_limit").toString())
        .isEqualTo(
            "{\"limit\":600,\"period_seconds\":60,\"burst\":50,\"by_key\":false,"
                + "\"mode\":\"throttle\"}");
    JsonNode f = json.path("functions").path(0);
    assertThat(f.path("max_concurrency").asInt()).isEqualTo(15);
    assertThat(f.path("key_concurrency").asInt()).isEqualTo(1);
    assertThat(f.path("rate_limit").toString())
        .isEqualTo("{\"limit\":10,\"period_seconds\":60,\"by_key\":true,\"mode\":\"reject\"}");
  }

  @Test
  void limitsOutsideWhatTheServerAcceptsAreRefusedNamingTheValue() {
    FunctionSpec fn = spec("f");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> fn.withMaxConcurrency(0))
        .withMessage("maxConcurrency of function 'f' must be in 1..100000, got 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> fn.withKeyConcurrency(100_001))
        .withMessage("keyConcurrency of function 'f' must be in 1..100000, got 100001");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AgentRegistration.of(List.of(fn)).withMaxConcurrency(-1))
        .withMessage("maxConcurrency must be in 1..100000, got -1");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RateLimit.of(0, Duration.ofSeconds(1)))
        .withMessage("limit must be in 1..1000000, got 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RateLimit.of(1, Duration.ofMillis(1500)))
        .withMessageContaining("whole seconds");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RateLimit.of(1, Duration.ofDays(2)))
        .withMessageContaining("between 1s and 1 day");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RateLimit.of(1, Duration.ofSeconds(1)).withBurst(0))
        .withMessage("burst must be in 1..1000000, got 0");
  }

  @Test
  void agentViewReadsCapsRateLimitAndFlow() {
    AgentView agent =
        Json.wire()
            .readValue(
                """
                {"name":"a","namespace":"default","functions":[
                   {"name":"f","max_concurrency":1,"key_concurrency":2,
                    "rate_limit":{"limit":5,"period_seconds":60,"burst":5,"by_key":true,"mode":"reject"}},
                   {"name":"g"}],
                 "status":"healthy","workers":1,"monthly_budget_usd":null,
                 "max_concurrency":2,
                 "rate_limit":{"limit":1,"period_seconds":30,"burst":1,"by_key":false,"mode":"throttle"},
                 "flow":{"paused":true,"max_concurrency":2,"running":2,"pending":4,"key_blocked":1,
                   "functions":[
                     {"name":"f","paused":false,"max_concurrency":1,"key_concurrency":2,
                      "running":1,"pending":2,"key_blocked":1},
                     {"name":"g","paused":true,"max_concurrency":null,"key_concurrency":null,
                      "running":1,"pending":2,"key_blocked":0}]}}
                """,
                AgentView.class);

    assertThat(agent.maxConcurrency()).contains(2);
    assertThat(agent.rateLimit())
        .contains(new RateLimit(1, 30, Optional.of(1), false, RateLimitMode.THROTTLE));
    assertThat(agent.functions().get(0).maxConcurrency()).contains(1);
    assertThat(agent.functions().get(0).keyConcurrency()).contains(2);
    assertThat(agent.functions().get(0).rateLimit().map(RateLimit::byKey)).contains(true);
    assertThat(agent.functions().get(1).maxConcurrency()).isEmpty();
    FlowState flow = agent.flow().orElseThrow();
    assertThat(flow.paused()).isTrue();
    assertThat(flow.maxConcurrency()).contains(2);
    assertThat(flow.running()).isEqualTo(2);
    assertThat(flow.pending()).isEqualTo(4);
    assertThat(flow.keyBlocked()).isEqualTo(1);
    assertThat(flow.function("f"))
        .contains(new FunctionFlow("f", false, Optional.of(1), Optional.of(2), 1, 2, 1));
    assertThat(flow.function("g").map(FunctionFlow::maxConcurrency)).contains(Optional.empty());
    assertThat(flow.function("nope")).isEmpty();
  }

  @Test
  void agentViewOfAnOlderServerHasNoFlow() {
    AgentView agent =
        Json.wire().readValue("{\"name\":\"a\",\"functions\":[{\"name\":\"f\"}]}", AgentView.class);
    assertThat(agent.flow()).isEmpty();
    assertThat(agent.maxConcurrency()).isEmpty();
    assertThat(agent.rateLimit()).isEmpty();
    assertThat(agent.lanes()).isEmpty();
    assertThat(agent.degrade()).isEmpty();
    assertThat(agent.functions().get(0).debounce()).isEmpty();
  }

  @Test
  void invocationViewReadsItsKeyAndWhatHoldsItBack() {
    InvocationView view =
        Json.wire()
            .readValue(
                "{\"invocation_id\":\"i\",\"status\":\"pending\",\"trace_id\":\"t\","
                    + "\"concurrency_key\":\"c1\",\"key_concurrency\":1,"
                    + "\"blocked_by\":\"concurrency:key\"}",
                InvocationView.class);
    assertThat(view.concurrencyKey()).contains("c1");
    assertThat(view.keyConcurrency()).contains(1);
    assertThat(view.blockedBy()).contains(BlockedBy.CONCURRENCY_KEY);

    InvocationView free =
        Json.wire()
            .readValue(
                "{\"invocation_id\":\"i\",\"status\":\"pending\",\"trace_id\":\"t\","
                    + "\"concurrency_key\":null}",
                InvocationView.class);
    assertThat(free.concurrencyKey()).isEmpty();
    assertThat(free.blockedBy()).isEmpty();
    assertThat(free.lane()).isEmpty();

    InvocationView laned =
        Json.wire()
            .readValue(
                "{\"invocation_id\":\"i\",\"status\":\"pending\",\"trace_id\":\"t\","
                    + "\"lane\":\"batch\",\"blocked_by\":\"degraded:lane\"}",
                InvocationView.class);
    assertThat(laned.lane()).contains("batch");
    assertThat(laned.blockedBy()).contains(BlockedBy.DEGRADED_LANE);
  }

  @Test
  void blockedByParsesEveryReasonTheServerNamesAndToleratesNewOnes() {
    assertThat(BlockedBy.fromWire("paused:agent")).isEqualTo(BlockedBy.PAUSED_AGENT);
    assertThat(BlockedBy.fromWire("paused:function")).isEqualTo(BlockedBy.PAUSED_FUNCTION);
    assertThat(BlockedBy.fromWire("concurrency:agent")).isEqualTo(BlockedBy.CONCURRENCY_AGENT);
    assertThat(BlockedBy.fromWire("concurrency:function"))
        .isEqualTo(BlockedBy.CONCURRENCY_FUNCTION);
    assertThat(BlockedBy.fromWire("concurrency:lane")).isEqualTo(BlockedBy.CONCURRENCY_LANE);
    assertThat(BlockedBy.fromWire("degraded:lane")).isEqualTo(BlockedBy.DEGRADED_LANE);
    assertThat(BlockedBy.fromWire("lane:reserved")).isEqualTo(BlockedBy.UNKNOWN);
    assertThat(write(BlockedBy.DEGRADED_LANE)).isEqualTo("\"degraded:lane\"");
    assertThat(DegradeMode.fromWire("SLOW")).isEqualTo(DegradeMode.SLOW);
    assertThat(DegradeMode.fromWire("halt")).isEqualTo(DegradeMode.UNKNOWN);
    assertThat(write(BlockedBy.CONCURRENCY_KEY)).isEqualTo("\"concurrency:key\"");
    assertThat(RateLimitMode.fromWire("drop")).isEqualTo(RateLimitMode.UNKNOWN);
  }

  @Test
  void timestampsAreWrittenAsIsoUtcWhateverTheDefaultZone() {
    // Surefire runs tests in Pacific/Auckland; the wire must still say Z.
    String json =
        Json.wire().writeValueAsString(Map.of("at", Instant.parse("2026-06-01T12:00:00Z")));
    assertThat(json).isEqualTo("{\"at\":\"2026-06-01T12:00:00Z\"}");
  }

  @Test
  void payloadMapperKeepsDeclaredNamesAndOmitsAbsentOptionals() {
    String json = Json.payload().writeValueAsString(new Person("Ada", Optional.empty(), 36));
    assertThat(json).isEqualTo("{\"firstName\":\"Ada\",\"ageYears\":36}");
  }

  @Test
  void retryPolicyRejectsNonsense() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> RetryPolicy.defaults().withMaxAttempts(0))
        .withMessageContaining("maxAttempts must be >= 1, got 0");
  }

  private static FunctionSpec spec(String name) {
    return new FunctionSpec(
        name,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static String write(Object value) {
    return Json.wire().writeValueAsString(value);
  }

  record Reply(String message) {}

  record Person(String firstName, Optional<String> nickName, int ageYears) {}
}
