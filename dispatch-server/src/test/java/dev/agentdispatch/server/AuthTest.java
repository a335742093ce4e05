package dev.agentdispatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.core.agent.RateLimit;
import dev.agentdispatch.core.auth.ApiKey;
import dev.agentdispatch.core.auth.KeySecrets;
import dev.agentdispatch.core.auth.Role;
import dev.agentdispatch.core.id.Ids;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With auth on, requests need a valid key of the right role and namespace. */
class AuthTest {
  private static final String INVOKE = "{\"agent\":\"a\",\"function\":\"f\",\"payload\":{}}";
  @TempDir static Path dir;
  static TestServer server;
  static String admin;
  static String client;
  static String worker;
  static String reader;
  static String otherNs;
  static String revoked;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            ServerConfig.defaults()
                .withPort(0)
                .withDb("sqlite:" + dir.resolve("auth.db"))
                .withRequireAuth(true)
                .withSweepInterval(Duration.ofMillis(100)));
    admin = key(Role.ADMIN, ApiKey.ALL_NAMESPACES);
    client = key(Role.CLIENT, "default");
    worker = key(Role.WORKER, "default");
    reader = key(Role.READ, "default");
    otherNs = key(Role.ADMIN, "other");
    revoked = key(Role.ADMIN, "default");
    server.server().store().keys().revoke(KeySecrets.shownPrefix(revoked), Instant.now());
    assertThat(
            server
                .send(
                    "PUT",
                    "/v1/namespaces/default/agents/a",
                    "{\"functions\":[{\"name\":\"f\"}]}",
                    worker)
                .status())
        .isEqualTo(200);
  }

  private static String key(Role role, String namespace) {
    return server.newKey(role, namespace);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static int invoke(String key) {
    return server.send("POST", "/v1/namespaces/default/invocations", INVOKE, key).status();
  }

  @Test
  void aKeysOwnRateLimitRefusesWhatIsOverIt() {
    String secret = KeySecrets.newSecret();
    server
        .server()
        .store()
        .keys()
        .insert(
            new ApiKey(
                Ids.uuid7(),
                "limited",
                KeySecrets.shownPrefix(secret),
                KeySecrets.hash(secret),
                "default",
                Role.CLIENT,
                Instant.now(),
                Optional.empty(),
                Optional.of(
                    new RateLimit(2, Duration.ofMinutes(1), 2, false, RateLimit.Mode.REJECT))));
    assertThat(invoke(secret)).isEqualTo(202);
    assertThat(invoke(secret)).isEqualTo(202);
    var over = server.send("POST", "/v1/namespaces/default/invocations", INVOKE, secret);
    assertThat(over.status()).isEqualTo(429);
    assertThat(over.body().toString()).contains("API key");
    // Another key is not held back by this one's limit.
    assertThat(invoke(client)).isEqualTo(202);
  }

  @Test
  void missingUnknownAndRevokedKeysAre401() {
    long before = server.invocationCount("default");
    assertThat(invoke(null)).isEqualTo(401);
    assertThat(invoke("adk_not-a-key")).isEqualTo(401);
    assertThat(invoke(revoked)).isEqualTo(401);
    assertThat(server.invocationCount("default")).isEqualTo(before);
  }

  @Test
  void rolesAreEnforced() {
    assertThat(invoke(reader)).isEqualTo(403);
    // A worker's handlers invoke other agents (issue 19, #9).
    assertThat(invoke(worker)).isEqualTo(202);
    assertThat(invoke(client)).isEqualTo(202);
    assertThat(invoke(admin)).isEqualTo(202);
    assertThat(
            server
                .send(
                    "POST",
                    "/v1/namespaces/default/workers/lease",
                    "{\"worker_id\":\"w\",\"agent\":\"a\"}",
                    client)
                .status())
        .isEqualTo(403);
    assertThat(server.send("GET", "/v1/namespaces/default/invocations", null, reader).status())
        .isEqualTo(200);
    assertThat(server.send("DELETE", "/v1/namespaces/default/agents/a", null, client).status())
        .isEqualTo(403);
  }

  /** Issue 19, #9: what an agent's handlers do is a worker's to do. */
  @Test
  void aWorkerKeyDoesAnAgentsOwnWork() {
    String ns = "/v1/namespaces/default";
    assertThat(
            server
                .send("POST", ns + "/events", "{\"topic\":\"t.x\",\"payload\":{}}", worker)
                .status())
        .isEqualTo(202);
    assertThat(
            server.send("PUT", ns + "/agents/a/kv/notes", "{\"value\":{\"n\":1}}", worker).status())
        .isEqualTo(200);
    assertThat(server.send("DELETE", ns + "/agents/a/kv/notes", null, worker).status())
        .isEqualTo(204);
  }

  /** Issue 19, #3: a key limited to named agents acts for them only. */
  @Test
  void aKeyLimitedToAgentsActsForThemOnly() {
    String ns = "/v1/namespaces/default";
    String scoped = server.newKey(Role.WORKER, "default", Set.of("a"));
    var other = server.send("PUT", ns + "/agents/b", "{\"functions\":[{\"name\":\"f\"}]}", scoped);
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.body().toString()).contains("limited to agents [a]");
    assertThat(
            server
                .send("PUT", ns + "/agents/a", "{\"functions\":[{\"name\":\"f\"}]}", scoped)
                .status())
        .isEqualTo(200);
    assertThat(
            server
                .send(
                    "POST", ns + "/workers/lease", "{\"worker_id\":\"w\",\"agent\":\"b\"}", scoped)
                .status())
        .isEqualTo(403);
    assertThat(server.send("PUT", ns + "/agents/b/kv/k", "{\"value\":1}", scoped).status())
        .isEqualTo(403);
    assertThat(server.send("PUT", ns + "/agents/a/kv/k", "{\"value\":1}", scoped).status())
        .isEqualTo(200);
    // A session's state is its agent's: a key for other agents may read it but not write it.
    server.send("PUT", ns + "/agents/b", "{\"functions\":[{\"name\":\"f\"}]}", admin);
    server.send("POST", ns + "/sessions", "{\"agent\":\"b\",\"session_id\":\"sb\"}", admin);
    var write = server.send("PUT", ns + "/sessions/sb/state", "{\"state\":{\"x\":1}}", scoped);
    assertThat(write.status()).as(write.body().toString()).isEqualTo(403);
    assertThat(server.send("GET", ns + "/sessions/sb/state", null, scoped).body().toString())
        .doesNotContain("\"x\"");
    assertThat(
            server.send("PUT", ns + "/sessions/sb/state", "{\"state\":{\"x\":1}}", admin).status())
        .isEqualTo(200);
  }

  /**
   * Issue 14: one rule at every door for starting work with a key limited to agents: a client key
   * starts work on its agents only (invocations, batches, session inputs); a worker key so limited
   * starts work on any agent, as its handlers do.
   */
  @Test
  void aClientKeyLimitedToAgentsStartsWorkOnThemOnlyAndAWorkerKeyOnAny() {
    String ns = "/v1/namespaces/default";
    server.send("PUT", ns + "/agents/b", "{\"functions\":[{\"name\":\"f\"}]}", admin);
    server.send("POST", ns + "/sessions", "{\"agent\":\"b\",\"session_id\":\"rule-b\"}", admin);
    String scopedClient = server.newKey(Role.CLIENT, "default", Set.of("a"));
    String scopedWorker = server.newKey(Role.WORKER, "default", Set.of("a"));
    String toB = "{\"agent\":\"b\",\"function\":\"f\",\"payload\":{}}";
    var refused = server.send("POST", ns + "/invocations", toB, scopedClient);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body().toString()).contains("limited to agents [a]");
    assertThat(
            server
                .send(
                    "POST",
                    ns + "/invocations/batch",
                    "{\"invocations\":[" + toB + "]}",
                    scopedClient)
                .status())
        .isEqualTo(403);
    assertThat(
            server
                .send("POST", ns + "/sessions/rule-b/inputs", "{\"input\":{}}", scopedClient)
                .status())
        .isEqualTo(403);
    assertThat(invoke(scopedClient)).isEqualTo(202);
    String onB = server.send("POST", ns + "/invocations", toB, scopedWorker).text("invocation_id");
    assertThat(
            server
                .send("POST", ns + "/invocations/" + onB + "/cancel", "{}", scopedClient)
                .status())
        .isEqualTo(403);
    assertThat(
            server
                .send("POST", ns + "/invocations/" + onB + "/cancel", "{}", scopedWorker)
                .status())
        .isEqualTo(200);
    assertThat(
            server
                .send("POST", ns + "/sessions/rule-b/inputs", "{\"input\":{}}", scopedWorker)
                .status())
        .isEqualTo(202);
  }

  /**
   * Issue 19, #3: a lease is the worker's that took it: another worker (with another key or the
   * same) cannot report on it, and read views do not show lease ids.
   */
  @Test
  void onlyTheWorkerHoldingALeaseCompletesIt() {
    String ns = "/v1/namespaces/default";
    server.send("PUT", ns + "/agents/bound", "{\"functions\":[{\"name\":\"f\"}]}", admin);
    String id =
        server
            .send(
                "POST",
                ns + "/invocations",
                "{\"agent\":\"bound\",\"function\":\"f\",\"payload\":{}}",
                client)
            .text("invocation_id");
    var leased =
        server.send(
            "POST",
            ns + "/workers/lease",
            "{\"worker_id\":\"holder\",\"agent\":\"bound\",\"wait_ms\":2000}",
            worker);
    String lease = leased.body().path("leases").get(0).path("lease_id").asString();
    String result =
        "{\"lease_id\":\"" + lease + "\",\"status\":\"completed\",\"result\":{\"by\":\"%s\"}}";
    String otherWorker = server.newKey(Role.WORKER, "default");
    var foreign =
        server.send(
            "POST",
            ns + "/workers/complete",
            "{\"worker_id\":\"thief\",\"results\":[" + result.formatted("thief") + "]}",
            otherWorker);
    assertThat(foreign.status()).isEqualTo(409);
    assertThat(foreign.body().toString()).contains("lease_held_by_another_worker");
    // Another key's worker that sends the holder's worker id is still another worker: a lease is
    // bound to the key it was taken with, not only to the id a worker says it has.
    var impostor =
        server.send(
            "POST",
            ns + "/workers/complete",
            "{\"worker_id\":\"holder\",\"results\":[" + result.formatted("impostor") + "]}",
            otherWorker);
    assertThat(impostor.status()).as(impostor.body().toString()).isEqualTo(409);
    assertThat(impostor.body().toString()).contains("lease_held_by_another_worker");
    var renewed =
        server.send(
            "POST",
            ns + "/workers/heartbeat",
            "{\"worker_id\":\"holder\",\"lease_ids\":[\"" + lease + "\"]}",
            otherWorker);
    assertThat(renewed.status()).isEqualTo(200);
    assertThat(renewed.body().path("extended").toString()).doesNotContain(lease);
    var logged =
        server.send(
            "POST",
            ns + "/workers/events",
            "{\"worker_id\":\"holder\",\"lease_id\":\""
                + lease
                + "\",\"events\":[{\"type\":\"log\",\"data\":\"forged\"}]}",
            otherWorker);
    assertThat(logged.status()).as(logged.body().toString()).isEqualTo(409);
    var view = server.send("GET", ns + "/invocations/" + id, null, reader).body();
    assertThat(view.path("status").asString()).isEqualTo("running");
    assertThat(view.toString()).doesNotContain(lease);
    assertThat(
            server
                .send(
                    "POST",
                    ns + "/workers/complete",
                    "{\"worker_id\":\"holder\",\"results\":[" + result.formatted("holder") + "]}",
                    worker)
                .status())
        .isEqualTo(200);
    assertThat(
            server
                .send("GET", ns + "/invocations/" + id, null, reader)
                .body()
                .path("result")
                .path("by")
                .asString())
        .isEqualTo("holder");
  }

  /** Issue 19: a stream opened with a key ends soon after the key is revoked. */
  @Test
  @org.junit.jupiter.api.Timeout(60)
  void anOpenStreamEndsWhenItsKeyIsRevoked() throws Exception {
    String reading = server.newKey(Role.READ, "default");
    String id =
        server
            .send("POST", "/v1/namespaces/default/invocations", INVOKE, client)
            .text("invocation_id");
    var lines =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            server.url() + "/v1/namespaces/default/invocations/" + id + "/events"))
                    .header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer " + reading)
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines());
    assertThat(lines.statusCode()).isEqualTo(200);
    server.server().store().keys().revoke(KeySecrets.shownPrefix(reading), Instant.now());
    long start = System.nanoTime();
    String end =
        lines.body().dropWhile(l -> !l.equals("event: end")).skip(1).findFirst().orElseThrow();
    assertThat(end).contains("\"reason\":\"unauthorized\"");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void aKeyForAnotherNamespaceIsRefused() {
    assertThat(invoke(otherNs)).isEqualTo(403);
    var resp = server.send("GET", "/v1/namespaces/other/invocations", null, otherNs);
    assertThat(resp.status()).isEqualTo(200);
    assertThat(resp.body().path("items")).isEmpty();
  }

  @Test
  void healthNeedsNoKey() {
    assertThat(server.send("GET", "/healthz", null, null).status()).isEqualTo(200);
  }

  @Test
  void llmPricesAndBudgetsNeedAdminReportsNeedWorkerAndReadsNeedAnyRole() {
    String ns = "/v1/namespaces/default";
    String price = "{\"input_per_mtok\":1,\"output_per_mtok\":2}";
    String budget = "{\"monthly_budget_usd\":5}";
    String call = "{\"model\":\"m\",\"provider\":\"p\",\"input_tokens\":1,\"output_tokens\":1}";
    for (String key : new String[] {reader, client, worker}) {
      assertThat(server.send("PUT", ns + "/llm/pricing/m", price, key).status()).isEqualTo(403);
      assertThat(server.send("PUT", ns + "/llm/budget", budget, key).status()).isEqualTo(403);
      assertThat(server.send("DELETE", ns + "/llm/budget", null, key).status()).isEqualTo(403);
    }
    assertThat(server.send("POST", ns + "/llm/calls", call, reader).status()).isEqualTo(403);
    assertThat(server.send("POST", ns + "/llm/calls", call, client).status()).isEqualTo(403);
    assertThat(server.send("POST", ns + "/llm/calls", call, worker).status()).isEqualTo(201);
    assertThat(server.send("PUT", ns + "/llm/pricing/m", price, admin).status()).isEqualTo(200);
    assertThat(server.send("PUT", ns + "/llm/budget", budget, admin).status()).isEqualTo(200);
    for (String path : new String[] {"/llm/calls", "/llm/pricing", "/llm/budget", "/usage"}) {
      assertThat(server.send("GET", ns + path, null, reader).status()).as(path).isEqualTo(200);
      assertThat(server.send("GET", ns + path, null, null).status()).as(path).isEqualTo(401);
    }
  }
}
