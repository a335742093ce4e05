package dev.agentdispatch.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.server.DispatchServer;
import dev.agentdispatch.server.ServerConfig;
import dev.agentdispatch.server.TestServer;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * TLS and mTLS to gRPC push agents: a real agent on 127.0.0.1 whose gRPC server presents a
 * certificate of a throwaway CA and requires a client certificate of the same CA.
 */
class PushTlsTest {
  private static final String V1 = "/v1/namespaces/default";
  private static final String FAST_RETRY =
      "\"retry\":{\"max_attempts\":3,\"initial_backoff_ms\":20,\"max_backoff_ms\":20}";

  @TempDir Path dir;
  private TestCerts certs;
  private FakeAgent agent;
  private TestServer server;

  @BeforeEach
  void start() throws IOException {
    certs = TestCerts.make(dir);
    ServerCredentials mtls =
        TlsServerCredentials.newBuilder()
            .keyManager(certs.serverCert().toFile(), certs.serverKey().toFile())
            .trustManager(certs.ca().toFile())
            .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
            .build();
    agent = FakeAgent.start(r -> FakeAgent.result("\"over mtls\""), mtls);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    agent.close();
  }

  @Test
  void aPushWithTheClientCertificateSucceeds() {
    server =
        TestServer.start(
            config(
                Optional.of(certs.ca()),
                Optional.of(certs.clientCert()),
                Optional.of(certs.clientKey())));
    register();

    JsonNode done = awaitEnd(invoke());
    assertThat(done.path("status").asString()).isEqualTo("completed");
    assertThat(done.path("result").asString()).isEqualTo("over mtls");
    assertThat(agent.received).hasSize(1);
    // The health checks go over the same channel, so the agent is healthy.
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> server.get(V1 + "/agents/secure").body().path("status").asString(),
            "healthy"::equals);
  }

  @Test
  void withoutTheClientCertificateEveryAttemptFailsRetryablyWithAClearError() {
    server = TestServer.start(config(Optional.of(certs.ca()), Optional.empty(), Optional.empty()));
    register();

    JsonNode done = awaitEnd(invoke());
    assertThat(done.path("status").asString()).isEqualTo("error");
    assertThat(done.path("attempt").asInt()).isEqualTo(3);
    assertThat(done.path("error").path("error_type").asString()).isEqualTo("GrpcUnavailable");
    assertThat(done.path("error").path("error").asString()).startsWith("gRPC UNAVAILABLE");
    assertThat(agent.received).isEmpty();
  }

  @Test
  void withoutTrustingTheAgentsCaThePushFailsTooAndNothingReachesTheAgent() {
    // The JVM's default trust store does not know the test CA.
    server =
        TestServer.start(
            config(
                Optional.empty(), Optional.of(certs.clientCert()), Optional.of(certs.clientKey())));
    register();

    JsonNode done = awaitEnd(invoke());
    assertThat(done.path("status").asString()).isEqualTo("error");
    assertThat(done.path("error").path("error_type").asString()).isEqualTo("GrpcUnavailable");
    assertThat(agent.received).isEmpty();
  }

  @Test
  void unusableTlsFilesStopTheServerFromStartingWithTheFileNamed() throws IOException {
    Path notPem = Files.writeString(dir.resolve("junk.pem"), "not a certificate");
    assertThatThrownBy(() ->
            DispatchServer.start(config(Optional.of(notPem), Optional.empty(), Optional.empty())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("junk.pem");
    // A PKCS#1 key is named with the way to convert it.
    Path pkcs1 =
        Files.writeString(
            dir.resolve("rsa.key"),
            "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    assertThatThrownBy(() ->
            DispatchServer.start(
                config(
                    Optional.of(certs.ca()), Optional.of(certs.clientCert()), Optional.of(pkcs1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rsa.key")
        .hasMessageContaining("openssl pkcs8 -topk8");
    assertThatThrownBy(() ->
            new PushSettings(
                Duration.ofSeconds(1),
                Optional.empty(),
                Optional.of(certs.clientCert()),
                Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("give both or neither");
  }

  private ServerConfig config(Optional<Path> ca, Optional<Path> cert, Optional<Path> key) {
    return ServerConfig.defaults()
        .withPort(0)
        .withDb("sqlite:" + dir.resolve("dispatch.db"))
        .withSweepInterval(Duration.ofMillis(100))
        .withPush(PushSettings.DEFAULTS.withTls(ca, cert, key));
  }

  private void register() {
    TestServer.Response registered =
        server.put(
            V1 + "/agents/secure",
            "{\"functions\":[{\"name\":\"hello\"}],\"delivery\":{\"mode\":\"grpc\",\"address\":\""
                + agent.address()
                + "\",\"tls\":true}}");
    assertThat(registered.status()).isEqualTo(200);
    assertThat(registered.body().path("delivery").path("tls").asBoolean()).isTrue();
    // As stored, read back.
    assertThat(server.get(V1 + "/agents/secure").body().path("delivery").toString())
        .isEqualTo("{\"mode\":\"grpc\",\"address\":\"" + agent.address() + "\",\"tls\":true}");
    await().atMost(Duration.ofSeconds(5)).until(() -> server.server().pushAgents() == 1);
  }

  private String invoke() {
    TestServer.Response created =
        server.post(
            V1 + "/invocations",
            "{\"agent\":\"secure\",\"function\":\"hello\",\"payload\":{}," + FAST_RETRY + "}");
    assertThat(created.status()).isEqualTo(202);
    return created.text("invocation_id");
  }

  private JsonNode awaitEnd(String id) {
    for (int i = 0; i < 6; i++) {
      JsonNode view = server.get(V1 + "/invocations/" + id + "?wait_seconds=5").body();
      if (List.of("completed", "error", "cancelled", "timed_out")
          .contains(view.path("status").asString())) {
        return view;
      }
    }
    throw new AssertionError("invocation " + id + " did not end within 30 s");
  }
}
