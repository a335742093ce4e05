package dev.agentdispatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class SystemRoutesTest {
  @TempDir Path dir;

  @Test
  void healthReadinessAndTheOpenApiDocumentAreServed() {
    try (TestServer server = TestServer.start(dir)) {
      assertThat(server.get("/healthz").status()).isEqualTo(200);
      assertThat(server.get("/readyz").text("status")).isEqualTo("ready");
      var doc = server.get("/v1/openapi.json").body();
      assertThat(doc.path("openapi").asString()).startsWith("3.");
      assertThat(doc.path("paths").propertyNames())
          .contains(
              "/v1/namespaces/{ns}/invocations",
              "/v1/namespaces/{ns}/invocations/{id}",
              "/v1/namespaces/{ns}/workers/lease",
              "/v1/namespaces/{ns}/workers/complete",
              "/v1/namespaces/{ns}/agents/{agent}");
    }
  }

  /**
   * The OpenAPI document is the API's contract: every route it names is served, every served route
   * is in it.
   */
  @Test
  void everyServedRouteIsDocumentedAndEveryDocumentedRouteIsServed() {
    try (TestServer server = TestServer.start(dir)) {
      JsonNode paths = server.get("/v1/openapi.json").body().path("paths");
      Set<String> documented = new TreeSet<>();
      for (String path : paths.propertyNames()) {
        for (String method : paths.path(path).propertyNames()) {
          if (HTTP_METHODS.contains(method)) {
            documented.add(method.toUpperCase(Locale.ROOT) + " " + path);
          }
        }
      }
      Set<String> served = new TreeSet<>();
      for (String route : server.server().routes()) {
        // Javalin writes a slash-accepting parameter as <key>; OpenAPI has one syntax, {key}.
        served.add(route.replace('<', '{').replace('>', '}'));
      }
      served.remove("GET /v1/openapi.json"); // the document does not describe itself
      served.removeIf(
          r -> r.startsWith("BEFORE ") || r.startsWith("AFTER ")); // filters, not routes
      // openapi.json describes the native API; the other doors' routes are their own contract.
      served.removeIf(r -> !NATIVE.matcher(r).find());
      assertThat(served)
          .as("routes served but not documented in openapi.json")
          .isSubsetOf(documented);
      assertThat(documented)
          .as("routes documented in openapi.json but not served")
          .isSubsetOf(served);
    }
  }

  /** The routes of the native API and the system probes: what openapi.json describes. */
  private static final java.util.regex.Pattern NATIVE =
      java.util.regex.Pattern.compile("^[A-Z]+ /(v1/|healthz$|readyz$|metrics$)");

  private static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options");
}
