package dev.agentdispatch.server.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.core.auth.Role;
import dev.agentdispatch.server.ServerConfig;
import dev.agentdispatch.server.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routing configuration needs the admin role of its namespace to change (a provider decides which
 * of the server's keys goes where); reading it needs any key of the namespace.
 */
class LlmAdminAuthTest {
  private static final String PROVIDER = "/v1/namespaces/default/llm/providers/p";
  private static final String BODY = "{\"format\":\"openai\",\"base_url\":\"https://p.test\"}";

  @TempDir Path dir;

  private static String key(TestServer server, Role role, String namespace) {
    return server.newKey(role, namespace);
  }

  @Test
  void onlyAnAdminOfTheNamespaceChangesItAndAnyKeyOfItReads() {
    try (TestServer server =
        TestServer.start(
            ServerConfig.defaults()
                .withPort(0)
                .withDb("sqlite:" + dir.resolve("auth.db"))
                .withRequireAuth(true)
                .withSweepInterval(Duration.ofMillis(100)))) {
      String admin = key(server, Role.ADMIN, "default");
      String otherAdmin = key(server, Role.ADMIN, "other");
      String client = key(server, Role.CLIENT, "default");
      String worker = key(server, Role.WORKER, "default");
      String reader = key(server, Role.READ, "default");
      assertThat(server.send("PUT", PROVIDER, BODY, null).status()).isEqualTo(401);
      for (String notAllowed : new String[] {client, worker, reader, otherAdmin}) {
        assertThat(server.send("PUT", PROVIDER, BODY, notAllowed).status()).isEqualTo(403);
        assertThat(
                server
                    .send(
                        "PUT",
                        "/v1/namespaces/default/llm/aliases/fast",
                        "{\"model\":\"m\"}",
                        notAllowed)
                    .status())
            .isEqualTo(403);
      }
      assertThat(server.send("PUT", PROVIDER, BODY, admin).status()).isEqualTo(200);
      assertThat(server.send("GET", PROVIDER, null, reader).status()).isEqualTo(200);
      assertThat(server.send("GET", PROVIDER, null, otherAdmin).status()).isEqualTo(403);
      assertThat(server.send("DELETE", PROVIDER, null, client).status()).isEqualTo(403);
      assertThat(server.send("DELETE", PROVIDER, null, admin).status()).isEqualTo(204);
    }
  }
}
