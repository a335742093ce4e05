package dev.agentdispatch.server.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.core.llm.TokenUsage;
import dev.agentdispatch.llm.standin.StandInProvider;
import dev.agentdispatch.server.TestServer;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.llm.CallAttribution;
import dev.agentdispatch.server.app.llm.CallLedger;
import dev.agentdispatch.server.app.llm.CallOutcome;
import dev.agentdispatch.store.llm.Admission;
import dev.agentdispatch.store.llm.BudgetScopes;
import dev.agentdispatch.store.llm.BudgetUsage;
import dev.agentdispatch.store.llm.Hold;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The LLM ledger over real HTTP on a real server and database: cost, budgets (admission, refusal,
 * the concurrent edge, expiring holds, warnings), reported calls, usage and traces. Each store runs
 * it through a subclass; every test works in a namespace of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LlmLedgerCases {
  private static final YearMonth MONTH = YearMonth.now(ZoneOffset.UTC);

  protected TestServer server;

  /** The first node; subclasses may add more on the same database. */
  protected abstract TestServer startNode();

  /** Another node on the same database, if the store has more than one node. */
  protected abstract Optional<TestServer> secondNode();

  protected abstract void cleanUp();

  @BeforeAll
  void start() {
    server = startNode();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    cleanUp();
  }

  private static String ns(String ns) {
    return "/v1/namespaces/" + ns;
  }

  private TestServer.Response report(String ns, String json) {
    return server.post(ns(ns) + "/llm/calls", json);
  }

  private BigDecimal reportedCost(String ns, String json) {
    TestServer.Response r = report(ns, json);
    assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
    assertThat(r.text("llm_call_id")).isNotBlank();
    return r.body().path("cost_usd").decimalValue();
  }

  private void register(String ns, String agent, String budgetJson) {
    var r =
        server.put(
            ns(ns) + "/agents/" + agent,
            "{\"functions\":[{\"name\":\"f\"}]"
                + (budgetJson == null ? "" : ",\"monthly_budget_usd\":" + budgetJson)
                + "}");
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
  }

  private static CallAttribution who(String ns, String agent) {
    return new CallAttribution(
        ns, Optional.ofNullable(agent), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static CallOutcome outcome(String model, long in, long out) {
    return new CallOutcome(
        "openai",
        model,
        "/chat/completions",
        new TokenUsage(in, out, 0, 0),
        Optional.of("stop"),
        Optional.empty(),
        Instant.now(),
        Duration.ofMillis(12),
        Optional.empty(),
        Optional.empty());
  }

  private BudgetUsage counters(String ns, String scope) {
    return server.server().store().llmBudgets().usage(ns, scope, MONTH);
  }

  // ---- cost and pricing ----------------------------------------------------------------------

  @Test
  void costIsExactToSixDecimalsFromTheTableByPrefixAndByDefault() {
    String ns = "cost";
    // 1234 × 2.50 + 567 × 10.00 per million = 0.003085 + 0.005670
    assertThat(
            reportedCost(
                ns,
                "{\"model\":\"gpt-4o\",\"provider\":\"openai\",\"input_tokens\":1234,\"output_tokens\":567}"))
        .isEqualByComparingTo("0.008755");
    // A dated snapshot is priced by its longest listed prefix, cache classes at their own prices.
    assertThat(
            reportedCost(
                ns,
                "{\"model\":\"claude-sonnet-4-5-20250929\",\"provider\":\"anthropic\",\"input_tokens\":1000,"
                    + "\"output_tokens\":100,\"cache_read_tokens\":10000,\"cache_write_tokens\":2000}"))
        .isEqualByComparingTo("0.015");
    // 10 × 0.15 per million = 1.5 micro-dollars: half-up to 2.
    assertThat(
            reportedCost(
                ns,
                "{\"model\":\"gpt-4o-mini\",\"provider\":\"openai\",\"input_tokens\":10,\"output_tokens\":0}"))
        .isEqualByComparingTo("0.000002");
    // Provider prefixes are not part of the price's name.
    assertThat(
            reportedCost(
                ns,
                "{\"model\":\"openrouter/openai/gpt-4o\",\"provider\":\"openrouter\",\"input_tokens\":1234,\"output_tokens\":567}"))
        .isEqualByComparingTo("0.008755");
    // Unknown models cost the default, 2.50 / 10.00.
    assertThat(
            reportedCost(
                ns,
                "{\"model\":\"mystery-1\",\"provider\":\"x\",\"input_tokens\":1000,\"output_tokens\":1000}"))
        .isEqualByComparingTo("0.0125");
    var lookup = server.get(ns(ns) + "/llm/pricing/gpt-4o-2024-08-06").body();
    assertThat(lookup.path("source").asString()).isEqualTo("table");
    assertThat(lookup.path("matched").asString()).isEqualTo("gpt-4o");
    assertThat(server.get(ns(ns) + "/llm/pricing/mystery-1").body().path("source").asString())
        .isEqualTo("default");
    var cost = server.get(ns(ns) + "/llm/calls?limit=1").body().path("items").get(0);
    assertThat(cost.path("model").asString()).isEqualTo("mystery-1");
    assertThat(cost.path("cost_usd").decimalValue()).isEqualByComparingTo("0.0125");
  }

  @Test
  void aNamespacePriceOverridesTheTableExactlyAndByPrefixUntilItIsDeleted() {
    String ns = "priced";
    var put =
        server.put(
            ns(ns) + "/llm/pricing/gpt-4o",
            "{\"input_per_mtok\":1.111111,\"output_per_mtok\":2,\"cache_read_per_mtok\":0.5}");
    assertThat(put.status()).as(put.body().toString()).isEqualTo(200);
    assertThat(put.text("source")).isEqualTo("namespace");
    assertThat(put.body().path("cache_write_per_mtok").decimalValue())
        .isEqualByComparingTo("1.111111");
    assertThat(
            reportedCost(
                ns,
                "{\"model\":\"gpt-4o\",\"provider\":\"openai\",\"input_tokens\":1000000,\"output_tokens\":0}"))
        .isEqualByComparingTo("1.111111");
    // The namespace's prefix wins over the table's exact... prefix of the same length.
    var snapshot = server.get(ns(ns) + "/llm/pricing/gpt-4o-2024-08-06").body();
    assertThat(snapshot.path("source").asString()).isEqualTo("namespace");
    assertThat(snapshot.path("input_per_mtok").decimalValue()).isEqualByComparingTo("1.111111");
    // Another namespace still pays the table's price.
    assertThat(server.get(ns("other-ns") + "/llm/pricing/gpt-4o").body().path("source").asString())
        .isEqualTo("table");
    var listing = server.get(ns(ns) + "/llm/pricing").body();
    assertThat(listing.path("items").findValuesAsString("source")).contains("namespace", "table");
    assertThat(listing.path("default_price").path("input_per_mtok").decimalValue())
        .isEqualByComparingTo("2.5");
    assertThat(server.send("DELETE", ns(ns) + "/llm/pricing/gpt-4o", null, null).status())
        .isEqualTo(204);
    assertThat(server.send("DELETE", ns(ns) + "/llm/pricing/gpt-4o", null, null).status())
        .isEqualTo(404);
    assertThat(server.get(ns(ns) + "/llm/pricing/gpt-4o").body().path("source").asString())
        .isEqualTo("table");
  }

  @Test
  void badPricesAreRefusedNamingTheFieldAndChangeNothing() {
    String ns = "badprice";
    String path = ns(ns) + "/llm/pricing/m1";
    assertThat(server.put(path, "{\"input_per_mtok\":-1,\"output_per_mtok\":1}").body().toString())
        .contains("input_per_mtok")
        .contains("negative");
    assertThat(server.put(path, "{\"input_per_mtok\":\"1\",\"output_per_mtok\":1}").status())
        .isEqualTo(400);
    assertThat(
            server
                .put(path, "{\"input_per_mtok\":0.0000001,\"output_per_mtok\":1}")
                .body()
                .toString())
        .contains("more than 6 decimals");
    assertThat(server.put(path, "{\"output_per_mtok\":1}").body().toString())
        .contains("'input_per_mtok' is required");
    assertThat(
            server
                .put(path, "{\"input_per_mtok\":1,\"output_per_mtok\":1,\"inptu\":1}")
                .body()
                .toString())
        .contains("unknown field 'inptu'");
    var prefixed =
        server.put(
            ns(ns) + "/llm/pricing/openai::m1", "{\"input_per_mtok\":1,\"output_per_mtok\":1}");
    assertThat(prefixed.status()).isEqualTo(400);
    assertThat(prefixed.body().toString()).contains("set the price of 'm1'");
    assertThat(server.get(path).body().path("source").asString()).isEqualTo("default");
  }

  // ---- budgets ---------------------------------------------------------------------------------

  @Test
  void anAgentOverItsBudgetIs429WithRetryAfterBeforeAnythingGoesUpstream() throws Exception {
    String ns = "capped";
    register(ns, "spender", "0.01");
    CallLedger ledger = server.server().ledger();
    try (StandInProvider provider = StandInProvider.start()) {
      var put =
          server.put(
              ns(ns) + "/llm/providers/standin",
              "{\"format\":\"openai\",\"base_url\":\"" + provider.baseUrl() + "\"}");
      assertThat(put.status()).as(put.body().toString()).isEqualTo(200);
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(server.url() + ns(ns) + "/llm/openai/v1/chat/completions"))
                      .header("Content-Type", "application/json")
                      .header("X-Dispatch-Agent-Name", "spender")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"model\":\"gpt-4o\",\"max_tokens\":1000,"
                                  + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(429);
      Instant resets = MONTH.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
      long retryAfter = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
      assertThat(retryAfter).isBetween(1L, Duration.between(Instant.now(), resets).toSeconds() + 5);
      JsonNode error = TestServer.JSON.readTree(r.body()).path("error");
      assertThat(error.path("code").asString()).isEqualTo("budget_exceeded");
      assertThat(error.path("message").asString())
          .contains("agent 'spender'")
          .contains("limit $0.01")
          .contains("spent $0.00")
          .contains("estimated at $0.01")
          .contains("resets on " + resets.toString().substring(0, 10));
      assertThat(provider.requests()).isZero();
      assertThat(server.get(ns(ns) + "/llm/calls").body().path("items")).isEmpty();
      assertThat(counters(ns, BudgetScopes.agent("spender")).reservedMicros()).isZero();
    }
    // Another agent of the namespace has no budget and is admitted.
    ledger.settle(ledger.admit(who(ns, "free"), "gpt-4o", 1000, 1000), outcome("gpt-4o", 1, 1));
  }

  @Test
  void aNamespaceBudgetCountsCallsInFlightAndShowsItsSpend() {
    String ns = "nsbudget";
    assertThat(server.get(ns(ns) + "/llm/budget").status()).isEqualTo(404);
    var put = server.put(ns(ns) + "/llm/budget", "{\"monthly_budget_usd\":0.02}");
    assertThat(put.status()).as(put.body().toString()).isEqualTo(200);
    assertThat(put.body().path("warn_at").asDouble()).isEqualTo(0.8);
    CallLedger ledger = server.server().ledger();
    CallLedger.Reservation first = ledger.admit(who(ns, null), "gpt-4o", 1000, 1000);
    assertThatThrownBy(() -> ledger.admit(who(ns, null), "gpt-4o", 1000, 1000))
        .isInstanceOf(ServiceException.BudgetExceeded.class)
        .hasMessageContaining("namespace 'nsbudget'")
        .hasMessageContaining("plus $0.0125 held by calls in flight");
    CallLedger.RecordedCall rec = ledger.settle(first, outcome("gpt-4o", 1000, 500));
    assertThat(rec.costUsd()).isEqualByComparingTo("0.0075");
    assertThatThrownBy(() -> ledger.settle(first, outcome("gpt-4o", 1, 1)))
        .isInstanceOf(IllegalStateException.class);
    var status = server.get(ns(ns) + "/llm/budget").body();
    assertThat(status.path("spent_usd").decimalValue()).isEqualByComparingTo("0.0075");
    assertThat(status.path("reserved_usd").decimalValue()).isEqualByComparingTo("0");
    assertThat(status.path("month").asString()).isEqualTo(MONTH.toString());
    // With the real cost settled, the next call fits again.
    ledger.settle(ledger.admit(who(ns, null), "gpt-4o", 1000, 1000), outcome("gpt-4o", 0, 0));
    assertThat(
            server.put(ns(ns) + "/llm/budget", "{\"monthly_budget_usd\":1,\"warn_at\":0}").status())
        .isEqualTo(400);
    assertThat(server.put(ns(ns) + "/llm/budget", "{\"monthly_budget_usd\":\"1\"}").status())
        .isEqualTo(400);
    assertThat(server.put(ns(ns) + "/llm/budget", "{\"warn_at\":0.5}").body().toString())
        .contains("monthly_budget_usd");
    assertThat(server.get(ns(ns) + "/llm/budget").body().path("monthly_budget_usd").decimalValue())
        .isEqualByComparingTo("0.02");
    assertThat(server.send("DELETE", ns(ns) + "/llm/budget", null, null).status()).isEqualTo(204);
    assertThat(server.send("DELETE", ns(ns) + "/llm/budget", null, null).status()).isEqualTo(404);
  }

  @Test
  void fiftyConcurrentCallsAtTheEdgeOfABudgetOvershootItByAtMostOneCall() throws Exception {
    String ns = "edge";
    register(ns, "racer", "1.00");
    // $0.90 already spent (a reported call is never refused): room for 8 calls of $0.0125.
    assertThat(
            reportedCost(
                ns,
                "{\"model\":\"gpt-4o\",\"provider\":\"openai\",\"agent\":\"racer\",\"input_tokens\":360000,\"output_tokens\":0}"))
        .isEqualByComparingTo("0.9");
    List<TestServer> nodes = new ArrayList<>(List.of(server));
    Optional<TestServer> second = secondNode();
    second.ifPresent(nodes::add);
    try {
      AtomicInteger admitted = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(50);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        CallLedger ledger = nodes.get(i % nodes.size()).server().ledger();
        done.add(
            pool.submit(() -> {
              go.await();
              CallLedger.Reservation r;
              try {
                r = ledger.admit(who(ns, "racer"), "gpt-4o", 1000, 1000);
              } catch (ServiceException.BudgetExceeded e) {
                refused.incrementAndGet();
                return null;
              }
              admitted.incrementAndGet();
              Thread.sleep(ThreadLocalRandom.current().nextInt(20));
              ledger.settle(r, outcome("gpt-4o", 1000, 1000));
              return null;
            }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      long oneCall = 12_500;
      // A settled call's hold is released when its queued record commits, moments after settle.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> counters(ns, BudgetScopes.agent("racer")).reservedMicros() == 0);
      BudgetUsage agent = counters(ns, BudgetScopes.agent("racer"));
      assertThat(agent.spentMicros()).isLessThanOrEqualTo(1_000_000 + oneCall);
      assertThat(agent.reservedMicros()).isZero();
      // Estimates equal costs here, so the edge is met exactly: 8 admitted, the rest refused.
      assertThat(admitted).hasValue(8);
      assertThat(refused).hasValue(42);
      assertThat(agent.spentMicros()).isEqualTo(1_000_000);
      var usage = server.get(ns(ns) + "/usage?group_by=agent").body();
      assertThat(usage.path("total").path("calls").asLong()).isEqualTo(9);
      assertThat(usage.path("total").path("cost_usd").decimalValue()).isEqualByComparingTo("1");
    } finally {
      second.ifPresent(TestServer::close);
    }
  }

  @Test
  void holdsOfACallThatNeverSettlesAreReleasedByTheLeadersLoop() {
    String ns = "leak";
    register(ns, "crasher", "0.05");
    String scope = BudgetScopes.agent("crasher");
    // A node took a hold and died before settling it; its hold expired a moment ago.
    assertThat(
            server
                .server()
                .store()
                .llmBudgets()
                .admit(
                    ns,
                    "dead-node-call",
                    MONTH,
                    List.of(new Hold(scope, 50_000, 50_000)),
                    Instant.now().minusSeconds(1)))
        .isInstanceOf(Admission.Admitted.class);
    await().atMost(Duration.ofSeconds(15)).until(() -> counters(ns, scope).reservedMicros() == 0);
    CallLedger ledger = server.server().ledger();
    ledger.settle(ledger.admit(who(ns, "crasher"), "gpt-4o", 1000, 1000), outcome("gpt-4o", 1, 1));
  }

  @Test
  void crossingTheWarningThresholdPublishesOneEventPerBudgetAndMonth() {
    String ns = "warned";
    register(ns, "chatty", "1");
    server.put(ns(ns) + "/llm/budget", "{\"monthly_budget_usd\":10,\"warn_at\":0.5}");
    String call =
        "{\"model\":\"gpt-4o\",\"provider\":\"openai\",\"agent\":\"chatty\",\"input_tokens\":%d,\"output_tokens\":0}";
    reportedCost(ns, call.formatted(200_000)); // $0.50
    assertThat(warnings(ns)).isEmpty();
    reportedCost(ns, call.formatted(140_000)); // $0.85: crosses 80% of $1
    reportedCost(ns, call.formatted(40_000)); // $0.95
    reportedCost(ns, call.formatted(1_800_000)); // $5.45: crosses 50% of the namespace's $10
    reportedCost(ns, call.formatted(400_000)); // over the agent's budget: counted, not refused
    List<JsonNode> warnings = warnings(ns);
    assertThat(warnings).hasSize(2);
    JsonNode agent =
        warnings.stream().filter(w -> w.path("payload").has("agent")).findFirst().orElseThrow();
    assertThat(agent.path("payload").path("scope").asString()).isEqualTo("agent:chatty");
    assertThat(agent.path("payload").path("spent_usd").decimalValue()).isEqualByComparingTo("0.85");
    assertThat(agent.path("payload").path("limit_usd").decimalValue()).isEqualByComparingTo("1");
    assertThat(agent.path("payload").path("month").asString()).isEqualTo(MONTH.toString());
    JsonNode namespace =
        warnings.stream().filter(w -> !w.path("payload").has("agent")).findFirst().orElseThrow();
    assertThat(namespace.path("payload").path("scope").asString()).isEqualTo("namespace");
    assertThat(namespace.path("payload").path("spent_usd").decimalValue())
        .isEqualByComparingTo("5.45");
    assertThat(counters(ns, BudgetScopes.agent("chatty")).spentMicros()).isEqualTo(6_450_000);
  }

  private List<JsonNode> warnings(String ns) {
    List<JsonNode> out = new ArrayList<>();
    server.get(ns(ns) + "/events?topic=llm.budget.warning").body().path("items").forEach(out::add);
    return out;
  }

  // ---- agent registration --------------------------------------------------------------------

  @Test
  void anAgentsMonthlyBudgetIsAcceptedShownAndBadValuesAreRefused() {
    String ns = "agentbudget";
    register(ns, "thrifty", "12.5");
    assertThat(
            server.get(ns(ns) + "/agents/thrifty").body().path("monthly_budget_usd").decimalValue())
        .isEqualByComparingTo("12.5");
    register(ns, "unlimited", null);
    assertThat(server.get(ns(ns) + "/agents/unlimited").body().path("monthly_budget_usd").isNull())
        .isTrue();
    for (String bad : List.of("-1", "\"10\"", "\"ten\"", "0.0000001", "true")) {
      var r =
          server.put(
              ns(ns) + "/agents/thrifty",
              "{\"functions\":[{\"name\":\"f\"}],\"monthly_budget_usd\":" + bad + "}");
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(r.body().toString()).as(bad).contains("monthly_budget_usd");
    }
    assertThat(
            server.get(ns(ns) + "/agents/thrifty").body().path("monthly_budget_usd").decimalValue())
        .isEqualByComparingTo("12.5");
  }

  // ---- reported calls, usage and traces ------------------------------------------------------

  @Test
  void badReportsAreRefusedNamingTheFieldAndRecordNothing() {
    String ns = "badreport";
    String ok = "\"model\":\"m\",\"provider\":\"p\",\"input_tokens\":1,\"output_tokens\":1";
    record Bad(String json, String says) {}
    for (Bad b :
        List.of(
            new Bad(
                "{\"model\":\"m\",\"provider\":\"p\",\"input_tokens\":-1,\"output_tokens\":1}",
                "input_tokens"),
            new Bad(
                "{\"provider\":\"p\",\"input_tokens\":1,\"output_tokens\":1}",
                "'model' is required"),
            new Bad(
                "{\"model\":\"m\",\"provider\":\"p\",\"input_tokens\":1}",
                "'output_tokens' is required"),
            new Bad("{" + ok + ",\"cache_read_tokens\":-5}", "cache_read_tokens"),
            new Bad("{" + ok + ",\"latency_ms\":-5}", "latency_ms"),
            new Bad("{" + ok + ",\"tokens\":5}", "unknown field 'tokens'"),
            new Bad("{" + ok + ",\"status\":\"maybe\"}", "'status' must be ok or error"),
            new Bad("{" + ok + ",\"status\":\"ok\",\"error\":\"boom\"}", "'error' is given"),
            new Bad("{" + ok + ",\"started_at\":\"yesterday\"}", "started_at"),
            new Bad("{" + ok + ",\"started_at\":\"2999-01-01T00:00:00Z\"}", "in the future"),
            new Bad("{" + ok + ",\"agent\":\"not a name\"}", "agent"),
            new Bad("{" + ok + ",\"input_tokens\":\"many\"}", "input_tokens"))) {
      var r = report(ns, b.json());
      assertThat(r.status()).as(b.json()).isEqualTo(400);
      assertThat(r.body().path("error").path("message").asString()).as(b.json()).contains(b.says());
    }
    assertThat(server.get(ns(ns) + "/llm/calls").body().path("items")).isEmpty();
    var failed = report(ns, "{" + ok + ",\"error\":\"rate limited\",\"finish_reason\":\"error\"}");
    assertThat(failed.status()).isEqualTo(201);
    var listed = server.get(ns(ns) + "/llm/calls").body().path("items").get(0);
    assertThat(listed.path("status").asString()).isEqualTo("error");
    assertThat(listed.path("error").asString()).isEqualTo("rate limited");
  }

  @Test
  void usageIsGroupedByAgentModelProviderAndDayWithinFromAndTo() {
    String ns = "usage";
    String call =
        "{\"model\":\"%s\",\"provider\":\"%s\",%s\"input_tokens\":%d,\"output_tokens\":%d,\"started_at\":\"%s\"}";
    String day1 = MONTH.atDay(1).atTime(23, 59).toInstant(ZoneOffset.UTC).toString();
    String day2 = MONTH.atDay(2).atTime(0, 1).toInstant(ZoneOffset.UTC).toString();
    String lastMonth =
        MONTH.minusMonths(1).atDay(15).atStartOfDay().toInstant(ZoneOffset.UTC).toString();
    reportedCost(ns, call.formatted("gpt-4o", "openai", "\"agent\":\"a\",", 1000, 100, day1));
    reportedCost(ns, call.formatted("gpt-4o", "openai", "\"agent\":\"b\",", 2000, 200, day2));
    reportedCost(ns, call.formatted("claude-haiku-4-5", "anthropic", "", 3000, 300, day2));
    reportedCost(ns, call.formatted("gpt-4o", "openai", "\"agent\":\"a\",", 9000, 900, lastMonth));
    boolean dayTwoHasPassed = !Instant.parse(day2).isAfter(Instant.now());
    org.junit.jupiter.api.Assumptions.assumeTrue(
        dayTwoHasPassed,
        "the 2nd of this month has not come yet"); // reports cannot be in the future
    var byAgent = server.get(ns(ns) + "/usage?group_by=agent").body();
    assertThat(byAgent.path("group_by").asString()).isEqualTo("agent");
    List<String> agents = new ArrayList<>();
    byAgent
        .path("groups")
        .forEach(g -> agents.add(g.path("key").isNull() ? null : g.path("key").asString()));
    assertThat(agents).containsExactly(null, "a", "b");
    assertThat(byAgent.path("groups").get(0).path("key").isNull()).isTrue();
    assertThat(byAgent.path("total").path("calls").asLong()).isEqualTo(3);
    assertThat(byAgent.path("total").path("input_tokens").asLong()).isEqualTo(6000);
    // 1000×2.5+100×10 + 2000×2.5+200×10 + 3000×1+300×5 per million
    assertThat(byAgent.path("total").path("cost_usd").decimalValue()).isEqualByComparingTo("0.015");
    var byModel = server.get(ns(ns) + "/usage?group_by=model").body().path("groups");
    assertThat(byModel.findValuesAsString("key")).containsExactly("claude-haiku-4-5", "gpt-4o");
    assertThat(byModel.get(1).path("calls").asLong()).isEqualTo(2);
    assertThat(
            server
                .get(ns(ns) + "/usage?group_by=provider")
                .body()
                .path("groups")
                .findValuesAsString("key"))
        .containsExactly("anthropic", "openai");
    var byDay = server.get(ns(ns) + "/usage?group_by=day").body().path("groups");
    assertThat(byDay.findValuesAsString("key"))
        .containsExactly(MONTH.atDay(1).toString(), MONTH.atDay(2).toString());
    var lastMonthOnly =
        server
            .get(
                ns(ns)
                    + "/usage?group_by=day&from="
                    + MONTH.minusMonths(1).atDay(1)
                    + "&to="
                    + MONTH.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC))
            .body();
    assertThat(lastMonthOnly.path("groups").findValuesAsString("key"))
        .containsExactly(MONTH.minusMonths(1).atDay(15).toString());
    assertThat(server.get(ns(ns) + "/usage?group_by=colour").body().toString())
        .contains("group_by must be one of agent, model, provider, day");
    assertThat(server.get(ns(ns) + "/usage?from=soon").status()).isEqualTo(400);
    assertThat(server.get(ns(ns) + "/usage?from=2026-02-01&to=2026-01-01").status()).isEqualTo(400);
  }

  @Test
  void aTraceShowsItsLlmCallsUnderTheirInvocationsWithTokensAndCostRolledUp() {
    String ns = "traced";
    register(ns, "worker", null);
    var created =
        server.post(
            ns(ns) + "/invocations", "{\"agent\":\"worker\",\"function\":\"f\",\"payload\":{}}");
    assertThat(created.status()).as(created.body().toString()).isEqualTo(202);
    String inv = created.text("invocation_id");
    String trace = created.text("trace_id");
    String call =
        "{\"model\":\"gpt-4o\",\"provider\":\"openai\",\"input_tokens\":%d,\"output_tokens\":%d,%s}";
    reportedCost(ns, call.formatted(1000, 100, "\"invocation_id\":\"" + inv + "\""));
    reportedCost(
        ns,
        call.formatted(
            2000,
            200,
            "\"invocation_id\":\"" + inv + "\",\"trace_id\":\"" + trace + "\",\"latency_ms\":800"));
    reportedCost(ns, call.formatted(10, 0, "\"trace_id\":\"" + trace + "\""));
    reportedCost(ns, call.formatted(99, 0, "\"trace_id\":\"another\""));
    JsonNode view = server.get(ns(ns) + "/traces/" + trace).body();
    JsonNode totals = view.path("totals");
    assertThat(totals.path("invocations").asInt()).isEqualTo(1);
    assertThat(totals.path("llm_calls").asInt()).isEqualTo(3);
    assertThat(totals.path("tokens").asLong()).isEqualTo(3310);
    // 3010 × 2.5 + 300 × 10 per million
    assertThat(totals.path("cost_usd").decimalValue()).isEqualByComparingTo("0.010525");
    JsonNode invocation = null;
    List<String> rootKinds = new ArrayList<>();
    for (JsonNode root : view.path("roots")) {
      rootKinds.add(root.path("kind").asString());
      if (root.path("id").asString().equals(inv)) {
        invocation = root;
      }
    }
    assertThat(rootKinds).containsExactlyInAnyOrder("invocation", "llm_call");
    assertThat(invocation).isNotNull();
    assertThat(invocation.path("llm_calls").asInt()).isEqualTo(2);
    assertThat(invocation.path("tokens").asLong()).isEqualTo(3300);
    assertThat(invocation.path("cost_usd").decimalValue()).isEqualByComparingTo("0.0105");
    assertThat(invocation.path("children").findValuesAsString("kind")).containsOnly("llm_call");
    JsonNode child = invocation.path("children").get(1);
    assertThat(child.path("llm").path("model").asString()).isEqualTo("gpt-4o");
    assertThat(child.path("llm").path("input_tokens").asLong()).isEqualTo(2000);
    assertThat(child.path("duration_ms").asLong()).isEqualTo(800);
    assertThat(child.path("cost_usd").decimalValue()).isEqualByComparingTo("0.007");
    // A trace of reported calls alone is a trace too.
    assertThat(
            server.get(ns(ns) + "/traces/another").body().path("totals").path("llm_calls").asInt())
        .isEqualTo(1);
    assertThat(server.get(ns(ns) + "/llm/calls?invocation_id=" + inv).body().path("items").size())
        .isEqualTo(2);
  }
}
