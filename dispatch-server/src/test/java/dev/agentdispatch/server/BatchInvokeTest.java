package dev.agentdispatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /invocations/batch}: many invocations in one call and one transaction, all or
 * nothing.
 */
class BatchInvokeTest {
  private static final String NS = "/v1/namespaces/default";
  private static final String ONE = "{\"agent\":\"b\",\"function\":\"f\",\"payload\":{\"n\":%d}}";

  @TempDir Path dir;

  @Test
  void aBatchIsStoredWholeOrNotAtAll() {
    try (TestServer server = TestServer.start(dir)) {
      server.put(
          NS + "/agents/b",
          "{\"functions\":[{\"name\":\"f\",\"input_schema\":{\"type\":\"object\","
              + "\"properties\":{\"n\":{\"type\":\"integer\"}},\"required\":[\"n\"]}}]}");
      StringBuilder batch = new StringBuilder("{\"invocations\":[");
      for (int i = 0; i < 50; i++) {
        batch.append(i == 0 ? "" : ",").append(ONE.formatted(i));
      }
      var ok = server.post(NS + "/invocations/batch", batch.append("]}").toString());
      assertThat(ok.status()).isEqualTo(202);
      assertThat(ok.body().path("items")).hasSize(50);
      assertThat(server.invocationCount("default")).isEqualTo(50);
      var leased =
          server
              .post(NS + "/workers/lease", "{\"worker_id\":\"w\",\"agent\":\"b\",\"max\":100}")
              .body()
              .path("leases");
      assertThat(leased).hasSize(50);

      var bad =
          server.post(
              NS + "/invocations/batch",
              "{\"invocations\":["
                  + ONE.formatted(1)
                  + ",{\"agent\":\"b\",\"function\":\"f\",\"payload\":{\"n\":\"x\"}}]}");
      assertThat(bad.status()).isEqualTo(422);
      assertThat(bad.body().path("error").path("message").asString())
          .startsWith("invocations[1]: ");
      assertThat(server.invocationCount("default")).isEqualTo(50);

      String keyed =
          "{\"agent\":\"b\",\"function\":\"f\",\"payload\":{\"n\":%d},\"idempotency_key\":\"k\"}";
      var dup =
          server.post(
              NS + "/invocations/batch",
              "{\"invocations\":[" + keyed.formatted(1) + "," + keyed.formatted(1) + "]}");
      assertThat(dup.status()).isEqualTo(202);
      assertThat(dup.body().path("items").get(1).path("deduplicated").asBoolean()).isTrue();
      assertThat(dup.body().path("items").get(1).path("invocation_id").asString())
          .isEqualTo(dup.body().path("items").get(0).path("invocation_id").asString());
      var conflict =
          server.post(
              NS + "/invocations/batch",
              "{\"invocations\":[" + ONE.formatted(7) + "," + keyed.formatted(2) + "]}");
      assertThat(conflict.status()).isEqualTo(409);
      assertThat(conflict.body().path("error").path("details").path("index").asInt()).isEqualTo(1);
      assertThat(server.invocationCount("default"))
          .as("the conflict rolled the whole batch back")
          .isEqualTo(51);

      assertThat(server.post(NS + "/invocations/batch", "{\"invocations\":[]}").status())
          .isEqualTo(400);
    }
  }
}
