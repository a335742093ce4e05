package dev.agentdispatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemRoutesTest {
  @TempDir Path dir;

  @Test
  void healthReadinessAndTheOpenApiDocumentAreServed() {
    try (TestServer server = TestServer.start(dir)) {
      assertThat(server.get("/healthz").status()).isEqualTo(200);
      assertThat(server.get("/readyz").text("status")).isEqualTo("ready");
      var doc = server.get("/v1/openapi.json").body();
      assertThat(doc.path("openapi").asString()).startsWith("3.");
      assertThat(doc.path("paths").propertyNames()).contains(
          "/v1/namespaces/{ns}/invocations", "/v1/namespaces/{ns}/invocations/{id}",
          "/v1/namespaces/{ns}/workers/lease", "/v1/namespaces/{ns}/workers/complete",
          "/v1/namespaces/{ns}/agents/{agent}");
    }
  }
}
