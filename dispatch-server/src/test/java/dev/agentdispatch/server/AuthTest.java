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
    assertThat(invoke(worker)).isEqualTo(403);
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
