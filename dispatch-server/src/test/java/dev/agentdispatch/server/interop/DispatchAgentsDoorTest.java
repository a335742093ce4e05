package dev.agentdispatch.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.server.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The dispatch-agents door's HTTP contract, spoken as its SDK speaks it. */
class DispatchAgentsDoorTest {
  private static final String DOOR = "/api/unstable/namespace/dev";
  private static final String SUBSCRIBE =
      """
      {"topics": ["orders.*"], "agent_name": "shop", "functions": [
        {"name": "add", "description": "Adds.", "output_schema": null,
         "input_schema": {"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"]},
         "triggers": [{"type": "callable", "topic": null, "function_name": "add"}]},
        {"name": "on_order", "description": null, "input_schema": {"type": "object"}, "output_schema": null,
         "triggers": [{"type": "topic", "topic": "orders.*", "function_name": null}]}]}
      """;

  @TempDir Path dir;

  @Test
  void theCliAcceptsTheServerAsItsLocalRouter() {
    try (TestServer server = TestServer.start(dir)) {
      JsonNode health = server.get("/health").body();
      assertThat(health.path("status").asString()).isEqualTo("healthy");
      assertThat(health.path("service").asString()).isEqualTo("dispatch-local-router");
    }
  }

  @Test
  void aSubscribeRegistersAPushAgentAtTheAnnouncedAddress() {
    try (TestServer server = TestServer.start(dir)) {
      assertThat(
              server
                  .post(
                      "/api/unstable/agents/register",
                      "{\"agent_name\":\"shop\",\"url\":\"127.0.0.1:50999\"}")
                  .status())
          .isEqualTo(200);
      var subscribed = server.post(DOOR + "/events/subscribe", SUBSCRIBE);
      assertThat(subscribed.status()).isEqualTo(200);
      assertThat(subscribed.body().path("message").asString()).isEqualTo("Subscribed");
      JsonNode agent = server.get("/v1/namespaces/dev/agents/shop").body();
      assertThat(agent.path("delivery").path("mode").asString()).isEqualTo("grpc");
      assertThat(agent.path("delivery").path("address").asString()).isEqualTo("127.0.0.1:50999");
      assertThat(agent.path("status").asString()).isEqualTo("healthy");
      assertThat(agent.path("functions").get(1).path("triggers").get(0).path("topic").asString())
          .isEqualTo("orders.*");
      assertThat(
              agent.path("functions").get(1).path("retry").path("non_retryable_errors").toString())
          .contains("ValueError");
    }
  }

  @Test
  void badInputIsRefusedInFastApisShapeAndChangesNothing() {
    try (TestServer server = TestServer.start(dir)) {
      var noName =
          server.post(
              DOOR + "/events/subscribe", "{\"topics\":[],\"agent_name\":\"\",\"functions\":[]}");
      assertThat(noName.status()).isEqualTo(400);
      assertThat(noName.body().path("detail").asString()).isEqualTo("agent_name is required");
      var badTopic =
          server.post(
              DOOR + "/events/subscribe",
              SUBSCRIBE.replace("\"topic\": \"orders.*\"", "\"topic\": \"orders*\""));
      assertThat(badTopic.status()).isEqualTo(400);
      assertThat(badTopic.body().path("detail").asString()).contains("orders*");
      assertThat(server.get("/v1/namespaces/dev/agents/shop").status()).isEqualTo(404);
      var badUrl =
          server.post(
              "/api/unstable/agents/register", "{\"agent_name\":\"shop\",\"url\":\"nowhere\"}");
      assertThat(badUrl.status()).isEqualTo(400);
      assertThat(badUrl.body().path("detail").asString()).contains("host:port");

      server.post(DOOR + "/events/subscribe", SUBSCRIBE);
      var unknown =
          server.post(
              DOOR + "/invoke",
              "{\"agent_name\":\"ghost\",\"function_name\":\"add\",\"payload\":{}}");
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.body().path("detail").asString()).contains("ghost");
      var invalid =
          server.post(
              DOOR + "/invoke",
              "{\"agent_name\":\"shop\",\"function_name\":\"add\",\"payload\":{\"a\":\"x\"}}");
      assertThat(invalid.status()).isEqualTo(422);
      assertThat(invalid.body().path("detail").get(0).path("loc").get(0).asString())
          .isEqualTo("body");
      var typo = server.post(DOOR + "/invoke", "{\"agent\":\"shop\"}");
      assertThat(typo.status()).isEqualTo(400);
      assertThat(typo.body().path("detail").asString()).contains("agent");
      assertThat(server.invocationCount("dev")).isZero();
      assertThat(server.get(DOOR + "/invoke/nope").status()).isEqualTo(404);
      JsonNode unknownTrace = server.get(DOOR + "/events/trace/nope").body();
      assertThat(unknownTrace.path("total_events").asInt()).isZero();
      assertThat(unknownTrace.path("events")).isEmpty();
    }
  }

  @Test
  void anInvocationThroughTheDoorIsAnInvocationOfTheNativeApi() {
    try (TestServer server = TestServer.start(dir)) {
      server.post(DOOR + "/events/subscribe", SUBSCRIBE);
      var invoked =
          server.post(
              DOOR + "/invoke",
              "{\"agent_name\":\"shop\",\"function_name\":\"add\",\"payload\":{\"a\":1},"
                  + "\"trace_id\":\"t-1\",\"timeout_seconds\":30}");
      assertThat(invoked.status()).isEqualTo(200);
      assertThat(invoked.body().path("status").asString()).isEqualTo("pending");
      String id = invoked.body().path("invocation_id").asString();
      JsonNode status = server.get(DOOR + "/invoke/" + id).body();
      assertThat(status.path("agent_name").asString()).isEqualTo("shop");
      assertThat(status.path("trace_id").asString()).isEqualTo("t-1");
      assertThat(status.path("status").asString()).isIn("pending", "running");
      assertThat(status.path("result").isNull()).isTrue();
      JsonNode native_ = server.get("/v1/namespaces/dev/invocations/" + id).body();
      assertThat(native_.path("trace_id").asString()).isEqualTo("t-1");
      // The un-namespaced mount is the default namespace.
      assertThat(server.get("/api/unstable/invoke/" + id).status()).isEqualTo(404);
    }
  }

  @Test
  void theCliListsAgentsSchemasAndRecentEvents() {
    try (TestServer server = TestServer.start(dir)) {
      server.post(
          "/api/unstable/agents/register", "{\"agent_name\":\"shop\",\"url\":\"127.0.0.1:50999\"}");
      server.post(DOOR + "/events/subscribe", SUBSCRIBE);
      JsonNode agents = server.get(DOOR + "/agents/list").body();
      assertThat(agents.isArray()).as(agents.toString()).isTrue();
      assertThat(agents.get(0).path("name").asString()).isEqualTo("shop");
      assertThat(agents.get(0).path("url").asString()).isEqualTo("127.0.0.1:50999");
      assertThat(agents.get(0).path("topics").toString()).isEqualTo("[\"orders.*\"]");
      assertThat(
              agents
                  .get(0)
                  .path("functions")
                  .get(0)
                  .path("input_schema")
                  .path("required")
                  .get(0)
                  .asString())
          .isEqualTo("a");
      assertThat(
              server
                  .get(DOOR + "/schemas/list")
                  .body()
                  .path("agents")
                  .get(0)
                  .path("status")
                  .asString())
          .isEqualTo("healthy");
      server.post(
          DOOR + "/events/publish",
          "{\"topic\":\"orders.created\",\"sender_id\":\"me\",\"payload\":{\"n\":1}}");
      server.post(
          DOOR + "/events/publish",
          "{\"topic\":\"orders.paid\",\"sender_id\":\"me\",\"payload\":7}");
      JsonNode recent = server.get(DOOR + "/events/recent?limit=5").body().path("events");
      assertThat(recent).hasSize(2);
      assertThat(recent.get(0).path("topic").asString()).isEqualTo("orders.created");
      assertThat(recent.get(1).path("payload").path("data").asInt()).isEqualTo(7);
      assertThat(server.get(DOOR + "/events/recent?limit=500").status()).isEqualTo(400);
      JsonNode topics = server.get(DOOR + "/schemas/topics").body().path("topics");
      assertThat(topics.path("orders.*").get(0).path("agent_name").asString()).isEqualTo("shop");
      assertThat(topics.path("orders.*").get(0).path("schema").path("handler_name").asString())
          .isEqualTo("on_order");
      var stopped = server.post(DOOR + "/agents/shop/stop", "");
      assertThat(stopped.status()).isEqualTo(200);
      assertThat(stopped.body().path("warning").asString())
          .contains("Process may still be running");
      // Stop pauses dispatch and keeps the agent and its pending work.
      assertThat(
              server
                  .get("/v1/namespaces/dev/agents/shop")
                  .body()
                  .path("flow")
                  .path("paused")
                  .asBoolean())
          .isTrue();
      assertThat(server.post(DOOR + "/agents/shop/stop", "").status()).isEqualTo(200);
      assertThat(server.post(DOOR + "/agents/nobody/stop", "").status()).isEqualTo(404);
    }
  }

  @Test
  void shortTermMemoryIsSessionState() {
    try (TestServer server = TestServer.start(dir)) {
      server.post(DOOR + "/events/subscribe", SUBSCRIBE);
      String body = "{\"agent_name\":\"shop\",\"session_id\":\"user:42\",\"session_data\":";
      var empty = server.send("GET", DOOR + "/memory/short-term", body + "{}}", null);
      assertThat(empty.body().toString()).isEqualTo("{\"session_data\":{}}");
      var put = server.send("PUT", DOOR + "/memory/short-term", body + "{\"turns\":1}}", null);
      assertThat(put.body().toString())
          .isEqualTo("{\"message\":\"Short term memory added successfully\"}");
      server.send("PUT", DOOR + "/memory/short-term", body + "{\"turns\":2}}", null);
      var got = server.send("GET", DOOR + "/memory/short-term", body + "{}}", null);
      assertThat(got.body().toString()).isEqualTo("{\"session_data\":{\"turns\":2}}");
      // Through /v1 it is a session of the agent, found by the SDK's id in its metadata.
      JsonNode session =
          server.get("/v1/namespaces/dev/sessions?agent=shop").body().path("items").get(0);
      assertThat(session.path("metadata").path("sdk_session_id").asString()).isEqualTo("user:42");
      String sid = session.path("session_id").asString();
      assertThat(
              server
                  .get("/v1/namespaces/dev/sessions/" + sid + "/state")
                  .body()
                  .path("state")
                  .path("turns")
                  .asInt())
          .isEqualTo(2);
      assertThat(
              server
                  .get("/v1/namespaces/dev/sessions/" + sid + "/state")
                  .body()
                  .path("revision")
                  .asInt())
          .isEqualTo(1); // opened with the first write (revision 0), then written once
      var deleted = server.send("DELETE", DOOR + "/memory/short-term", body + "{}}", null);
      assertThat(deleted.body().path("message").asString())
          .isEqualTo("Short term memory deleted successfully");
      assertThat(
              server.send("GET", DOOR + "/memory/short-term", body + "{}}", null).body().toString())
          .isEqualTo("{\"session_data\":{}}");
      var notObject = server.send("PUT", DOOR + "/memory/short-term", body + "[1]}", null);
      assertThat(notObject.status()).isEqualTo(400);
    }
  }

  @Test
  void longTermMemoryIsTheSameStoreAsTheNativeKv() {
    try (TestServer server = TestServer.start(dir)) {
      server.post(DOOR + "/events/subscribe", SUBSCRIBE);
      var put =
          server.send(
              "PUT",
              DOOR + "/memory/long-term",
              "{\"agent_name\":\"shop\",\"key\":\"k\",\"value\":\"v1\"}",
              null);
      assertThat(put.body().toString())
          .isEqualTo("{\"message\":\"Long term memory added successfully\"}");
      assertThat(server.get("/v1/namespaces/dev/agents/shop/kv/k").body().path("value").asString())
          .isEqualTo("v1");
      var got =
          server.send(
              "GET",
              DOOR + "/memory/long-term",
              "{\"agent_name\":\"shop\",\"key\":\"k\",\"value\":\"\"}",
              null);
      assertThat(got.body().toString()).isEqualTo("{\"value\":\"v1\"}");
      var missing =
          server.send(
              "GET",
              DOOR + "/memory/long-term",
              "{\"agent_name\":\"shop\",\"key\":\"no\",\"value\":\"\"}",
              null);
      assertThat(missing.body().toString()).isEqualTo("{\"value\":null}");
      var deleted =
          server.send(
              "DELETE",
              DOOR + "/memory/long-term",
              "{\"agent_name\":\"shop\",\"key\":\"k\",\"value\":\"\"}",
              null);
      assertThat(deleted.body().path("message").asString())
          .isEqualTo("Long term memory deleted successfully");
      assertThat(server.get("/v1/namespaces/dev/agents/shop/kv/k").status()).isEqualTo(404);
    }
  }
}
