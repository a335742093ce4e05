package dev.agentdispatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Publishing events: wildcard subscriptions across agents, atomic fan-out, idempotency, bad topics.
 */
class TopicFanOutTest {
  private static final String NS = "/v1/namespaces/default";
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
    assertThat(
            server
                .put(
                    NS + "/agents/shop",
                    """
                    {"functions":[
                      {"name":"anyOrder","triggers":[{"type":"topic","topic":"orders.*"}]},
                      {"name":"created","triggers":[{"type":"topic","topic":"orders.created"}]},
                      {"name":"billing","triggers":[{"type":"topic","topic":"billing.*"}]}]}\
                    """)
                .status())
        .isEqualTo(200);
    assertThat(
            server
                .put(
                    NS + "/agents/audit",
                    """
                    {"functions":[{"name":"everything","triggers":[{"type":"topic","topic":"*"},{"type":"topic","topic":"orders.created"}]},
                      {"name":"direct"}]}\
                    """)
                .status())
        .isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static long eventCount() {
    return server.get(NS + "/events?limit=500").body().path("items").size();
  }

  @Test
  void anEventFansOutToEverySubscribedFunctionAcrossAgentsOnce() {
    var resp =
        server.post(
            NS + "/events",
            "{\"topic\":\"orders.created\",\"payload\":{\"id\":7},\"sender_id\":\"web\",\"parent_id\":\"upstream\"}");
    assertThat(resp.status()).isEqualTo(202);
    String eventUid = resp.text("event_uid");
    assertThat(resp.body().path("handler_count").asInt()).isEqualTo(3);
    List<String> functions = new ArrayList<>();
    for (JsonNode id : resp.body().path("invocation_ids")) {
      JsonNode inv = server.get(NS + "/invocations/" + id.asString()).body();
      functions.add(inv.path("agent").asString() + "." + inv.path("function").asString());
      assertThat(inv.path("payload").path("id").asInt()).isEqualTo(7);
      assertThat(inv.path("parent_id").asString()).isEqualTo(eventUid);
      assertThat(inv.path("trace_id").asString()).isEqualTo(resp.text("trace_id"));
      JsonNode message = inv.path("message");
      assertThat(message.path("type").asString()).isEqualTo("topic");
      assertThat(message.path("topic").asString()).isEqualTo("orders.created");
      assertThat(message.path("uid").asString()).isEqualTo(eventUid);
      assertThat(message.path("sender_id").asString()).isEqualTo("web");
    }
    assertThat(functions)
        .containsExactlyInAnyOrder("shop.anyOrder", "shop.created", "audit.everything");
    var leased =
        server
            .post(NS + "/workers/lease", "{\"worker_id\":\"w\",\"agent\":\"shop\",\"max\":10}")
            .body()
            .path("leases");
    assertThat(leased.findValuesAsString("topic")).contains("orders.created");
    var listed = server.get(NS + "/events?topic=orders.created").body().path("items");
    assertThat(listed.findValuesAsString("event_uid")).contains(eventUid);
    assertThat(server.get(NS + "/events/" + eventUid).status())
        .as("events are listed, not fetched one by one")
        .isEqualTo(404);
  }

  @Test
  void anEventNobodySubscribesToIsStillAValidPublish() {
    // a namespace of its own: in "default" the audit agent's "*" hears everything
    var resp =
        server.post(
            "/v1/namespaces/quiet/events", "{\"topic\":\"nobody.listens.here\",\"payload\":{}}");
    assertThat(resp.status()).isEqualTo(202);
    assertThat(resp.body().path("handler_count").asInt()).isZero();
    var listed =
        server.get("/v1/namespaces/quiet/events?topic=nobody.listens.here").body().path("items");
    assertThat(listed).hasSize(1);
  }

  @Test
  void aRetriedPublishReturnsTheFirstResult() {
    String body =
        "{\"topic\":\"billing.paid\",\"payload\":{\"n\":1},\"idempotency_key\":\"pay-1\"}";
    var first = server.post(NS + "/events", body);
    var again = server.post(NS + "/events", body);
    var other = server.post(NS + "/events", body.replace("\"n\":1", "\"n\":2"));
    assertThat(first.status()).isEqualTo(202);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.text("event_uid")).isEqualTo(first.text("event_uid"));
    assertThat(again.body().path("invocation_ids")).isEqualTo(first.body().path("invocation_ids"));
    assertThat(other.status()).isEqualTo(409);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "orders..created",
        ".orders",
        "orders.",
        "orders.*",
        "orders created",
        "orders/created"
      })
  void badTopicsAreRefusedAndNothingIsStored(String topic) {
    long events = eventCount();
    long invocations = server.invocationCount("default");
    var resp = server.post(NS + "/events", "{\"topic\":\"" + topic + "\",\"payload\":{}}");
    assertThat(resp.status()).isEqualTo(400);
    assertThat(resp.body().path("error").path("message").asString()).contains("topic");
    assertThat(eventCount()).isEqualTo(events);
    assertThat(server.invocationCount("default")).isEqualTo(invocations);
  }

  @Test
  void badSubscriptionPatternsAreRefusedAtRegistration() {
    var resp =
        server.put(
            NS + "/agents/broken",
            "{\"functions\":[{\"name\":\"f\",\"triggers\":[{\"type\":\"topic\",\"topic\":\"a.b*\"}]}]}");
    assertThat(resp.status()).isEqualTo(400);
    assertThat(resp.body().path("error").path("message").asString())
        .contains("invalid segment 'b*'");
    assertThat(server.get(NS + "/agents/broken").status()).isEqualTo(404);
  }

  @Test
  void topicOnlyFunctionsCannotBeInvokedDirectly() {
    var resp =
        server.post(
            NS + "/invocations", "{\"agent\":\"shop\",\"function\":\"created\",\"payload\":{}}");
    assertThat(resp.status()).isEqualTo(422);
  }
}
