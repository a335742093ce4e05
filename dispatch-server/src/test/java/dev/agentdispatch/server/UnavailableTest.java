package dev.agentdispatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnavailableTest {
  private static final String NS = "/v1/namespaces/default";

  @TempDir Path dir;

  @Test
  void aRequestTheDatabaseCannotTakeIsAnswered503WithRetryAfter() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      server.put(NS + "/agents/a", "{\"functions\":[{\"name\":\"f\"}]}");
      server.server().store().close(); // the database goes away under a running server
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(server.url() + NS + "/invocations"))
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"agent\":\"a\",\"function\":\"f\",\"payload\":{}}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(TestServer.JSON.readTree(r.body()).path("error").path("code").asString())
          .isEqualTo("unavailable");
      // Issue 19: the store's own error text (SQL, paths) stays in the server's log.
      assertThat(r.body()).doesNotContain("store is closed").doesNotContain(dir.toString());
    }
  }
}
