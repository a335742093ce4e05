package dev.agentdispatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-agent key-value memory over HTTP (DESIGN §9): values, TTLs, isolation and limits. */
class MemoryTest {
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
    for (String path :
        new String[] {
          "/v1/namespaces/default/agents/a1",
          "/v1/namespaces/default/agents/a2",
          "/v1/namespaces/other/agents/a1"
        }) {
      assertThat(server.put(path, "{\"functions\":[{\"name\":\"f\"}]}").status()).isLessThan(300);
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String kv(String ns, String agent, String key) {
    return "/v1/namespaces/" + ns + "/agents/" + agent + "/kv" + (key.isEmpty() ? "" : "/" + key);
  }

  @Test
  void valuesAreJsonPerAgentAndNamespaceAndListedByPrefix() {
    assertThat(server.put(kv("default", "a1", "user/1/name"), "{\"value\":\"Ada\"}").status())
        .isEqualTo(200);
    server.put(kv("default", "a1", "user/1/prefs"), "{\"value\":{\"theme\":\"dark\"}}");
    server.put(kv("default", "a1", "other"), "{\"value\":3}");
    assertThat(server.get(kv("default", "a1", "user/1/name")).body().path("value").asString())
        .isEqualTo("Ada");
    assertThat(
            server
                .get(kv("default", "a1", "user/1/prefs"))
                .body()
                .path("value")
                .path("theme")
                .asString())
        .isEqualTo("dark");
    assertThat(
            server
                .get(kv("default", "a1", "") + "?prefix=user/")
                .body()
                .path("items")
                .findValuesAsString("key"))
        .containsExactly("user/1/name", "user/1/prefs");
    assertThat(server.get(kv("default", "a2", "user/1/name")).status()).isEqualTo(404);
    assertThat(server.get(kv("other", "a1", "user/1/name")).status()).isEqualTo(404);
    assertThat(server.send("DELETE", kv("default", "a1", "other"), null, null).status())
        .isEqualTo(204);
    assertThat(server.send("DELETE", kv("default", "a1", "other"), null, null).status())
        .isEqualTo(404);
  }

  @Test
  void aValueWithATtlDisappearsWhenItExpires() {
    server.put(kv("default", "a2", "session-token"), "{\"value\":\"t\",\"ttl_seconds\":1}");
    assertThat(
            server.get(kv("default", "a2", "session-token")).body().path("expires_at").isString())
        .isTrue();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> server.get(kv("default", "a2", "session-token")).status() == 404);
    assertThat(server.get(kv("default", "a2", "") + "?prefix=session").body().path("items"))
        .isEmpty();
  }

  @Test
  void oversizedValuesBadKeysAndUnknownAgentsAreRefusedAndChangeNothing() {
    String big = "{\"value\":\"" + "x".repeat(1024 * 1024) + "\"}";
    var tooLarge = server.put(kv("default", "a1", "big"), big);
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.body().path("error").path("code").asString())
        .isEqualTo("payload_too_large");
    assertThat(server.get(kv("default", "a1", "big")).status()).isEqualTo(404);
    assertThat(server.put(kv("default", "a1", "k".repeat(257)), "{\"value\":1}").status())
        .isEqualTo(400);
    assertThat(server.put(kv("default", "a1", "k"), "{\"value\":1,\"ttl_seconds\":0}").status())
        .isEqualTo(400);
    assertThat(server.put(kv("default", "a1", "k"), "{\"ttl_seconds\":5}").status()).isEqualTo(400);
    // Issue 19: "" is not "no TTL".
    assertThat(server.put(kv("default", "a1", "k"), "{\"value\":1,\"ttl_seconds\":\"\"}").status())
        .isEqualTo(400);
    assertThat(server.put(kv("default", "ghost", "k"), "{\"value\":1}").status()).isEqualTo(404);
    assertThat(server.get(kv("default", "a1", "k")).status()).isEqualTo(404);
  }
}
