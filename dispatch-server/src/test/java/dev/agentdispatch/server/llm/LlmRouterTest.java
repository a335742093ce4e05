package dev.agentdispatch.server.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.server.ServerConfig;
import dev.agentdispatch.server.TestServer;
import dev.agentdispatch.store.postgres.PgTestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The LLM router over real HTTP on a real server, on SQLite and on PostgreSQL: the admin API of
 * providers, aliases and experiments, and where calls are routed ({@code GET /llm/route} asks the
 * same router the gateway uses).
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"sqlite", "postgresql"})
class LlmRouterTest {
  private static final String LLM = "/v1/namespaces/default/llm";

  @Parameter String storeKind;
  @TempDir Path dir;
  private String pgUrl;
  private TestServer server;

  @BeforeEach
  void start() {
    if (storeKind.equals("sqlite")) {
      server = TestServer.start(dir);
    } else {
      pgUrl = PgTestDatabase.freshSchemaUrl();
      server =
          TestServer.start(
              ServerConfig.defaults()
                  .withPort(0)
                  .withDb(pgUrl)
                  .withSweepInterval(Duration.ofMillis(100)));
    }
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    PgTestDatabase.dropSchema(pgUrl);
  }

  private TestServer.Response put(String path, String json) {
    return server.put(LLM + path, json);
  }

  private TestServer.Response delete(String path) {
    return server.send("DELETE", LLM + path, null, null);
  }

  private void provider(String name, String json) {
    var resp = put("/providers/" + name, json);
    assertThat(resp.status()).as(resp.body().toString()).isEqualTo(200);
  }

  private TestServer.Response route(String query) {
    return server.get(LLM + "/route?" + query);
  }

  private static List<String> candidates(TestServer.Response route) {
    List<String> names = new ArrayList<>();
    route.body().path("candidates").forEach(c -> names.add(c.path("name").asString()));
    return names;
  }

  @Test
  void providersAreStoredShownWithoutTheirKeyAndDeleted() {
    String secret = System.getenv("PATH");
    assertThat(secret).as("the test JVM's PATH stands in for a key").isNotBlank();
    var created =
        put(
            "/providers/openai",
            "{\"format\":\"openai\",\"base_url\":\"https://api.example.test/v1/\","
                + "\"api_key_env\":\"PATH\",\"models\":[\"gpt-4o\",\"gpt-4o-mini\"],"
                + "\"default_model\":\"gpt-4o\",\"priority\":2}");
    assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
    JsonNode p = created.body();
    assertThat(p.path("name").asString()).isEqualTo("openai");
    assertThat(p.path("format").asString()).isEqualTo("openai");
    assertThat(p.path("base_url").asString())
        .as("the trailing slash is dropped: API paths are appended")
        .isEqualTo("https://api.example.test/v1");
    assertThat(p.path("api_key_env").asString()).isEqualTo("PATH");
    assertThat(p.path("api_key_present").asBoolean()).isTrue();
    assertThat(p.path("models").toString()).isEqualTo("[\"gpt-4o\",\"gpt-4o-mini\"]");
    assertThat(p.path("default_model").asString()).isEqualTo("gpt-4o");
    assertThat(p.path("priority").asInt()).isEqualTo(2);
    assertThat(p.toString()).doesNotContain(secret);

    provider(
        "local",
        "{\"format\":\"anthropic\",\"base_url\":\"http://127.0.0.1:9\","
            + "\"api_key_env\":\"DISPATCH_TEST_SURELY_UNSET_VAR\"}");
    var got = server.get(LLM + "/providers/openai");
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.body().toString()).doesNotContain(secret);
    var list = server.get(LLM + "/providers");
    assertThat(list.body().toString()).doesNotContain(secret);
    JsonNode items = list.body().path("items");
    assertThat(items).hasSize(2);
    assertThat(items.get(0).path("name").asString()).isEqualTo("local"); // priority 0 first
    assertThat(items.get(0).path("api_key_present").asBoolean()).isFalse();
    assertThat(items.get(0).path("models")).isEmpty();
    assertThat(items.get(0).path("default_model").isNull()).isTrue();

    // Replacing keeps the creation time and changes the rest.
    provider(
        "openai",
        "{\"format\":\"openai\",\"base_url\":\"https://other.example.test\",\"priority\":0}");
    JsonNode replaced = server.get(LLM + "/providers/openai").body();
    assertThat(replaced.path("base_url").asString()).isEqualTo("https://other.example.test");
    assertThat(replaced.path("api_key_env").isNull()).isTrue();
    assertThat(replaced.path("api_key_present").asBoolean()).isFalse();
    assertThat(replaced.path("created_at").asString()).isEqualTo(p.path("created_at").asString());

    assertThat(delete("/providers/openai").status()).isEqualTo(204);
    assertThat(server.get(LLM + "/providers/openai").status()).isEqualTo(404);
    var again = delete("/providers/openai");
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.body().path("error").path("message").asString()).contains("openai");
  }

  @Test
  void everyBadProviderFieldIsRefusedByNameAndNothingIsStored() {
    String ok = "\"format\":\"openai\",\"base_url\":\"https://h.test\"";
    Map<String, String> bad = new java.util.LinkedHashMap<>();
    bad.put("{\"format\":\"gemini\",\"base_url\":\"https://h.test\"}", "'format'");
    bad.put("{\"base_url\":\"https://h.test\"}", "'format' is required");
    bad.put("{\"format\":\"openai\"}", "'base_url' is required");
    bad.put("{\"format\":\"openai\",\"base_url\":\"ftp://h.test\"}", "'base_url'");
    bad.put("{\"format\":\"openai\",\"base_url\":\"/v1/relative\"}", "'base_url'");
    bad.put("{\"format\":\"openai\",\"base_url\":\"https://u:sk-1@h.test\"}", "'base_url'");
    bad.put("{\"format\":\"openai\",\"base_url\":\"https://h.test/?key=sk-1\"}", "'base_url'");
    bad.put("{" + ok + ",\"api_key_env\":\"openai_key\"}", "'api_key_env'");
    bad.put("{" + ok + ",\"api_key_env\":\"1KEY\"}", "'api_key_env'");
    bad.put("{" + ok + ",\"models\":[\"gpt-4o\",\"\"]}", "'models[1]'");
    bad.put("{" + ok + ",\"models\":[\"a b\"]}", "'models[0]'");
    bad.put("{" + ok + ",\"models\":[\"m\",\"m\"]}", "'models[1]' repeats");
    bad.put("{" + ok + ",\"models\":[\"m\"],\"default_model\":\"n\"}", "'default_model'");
    bad.put("{" + ok + ",\"priority\":-1}", "'priority'");
    bad.put("{" + ok + ",\"priority\":\"high\"}", "priority");
    bad.put("{" + ok + ",\"bse_url\":\"x\"}", "unknown field 'bse_url'");
    bad.put("{" + ok + ",\"api_key\":\"sk-live-123\"}", "'api_key' is not accepted");
    for (var e : bad.entrySet()) {
      var resp = put("/providers/p", e.getKey());
      assertThat(resp.status()).as(e.getKey()).isEqualTo(400);
      assertThat(resp.body().path("error").path("message").asString())
          .as(e.getKey())
          .contains(e.getValue())
          .doesNotContain("sk-live-123");
    }
    var badName = put("/providers/bad.name", "{" + ok + "}");
    assertThat(badName.status()).isEqualTo(400);
    assertThat(badName.body().path("error").path("message").asString()).contains("provider name");
    assertThat(server.get(LLM + "/providers").body().path("items")).isEmpty();
  }

  @Test
  void candidatesServeTheModelInPriorityThenNameOrderAndACallWithoutModelGetsTheDefault() {
    provider(
        "a-late",
        "{\"format\":\"openai\",\"base_url\":\"https://a.test\",\"models\":[\"m1\"],\"priority\":1}");
    provider(
        "b-main",
        "{\"format\":\"openai\",\"base_url\":\"https://b.test\",\"models\":[\"m1\",\"m2\"],"
            + "\"default_model\":\"m2\"}");
    provider("c-any", "{\"format\":\"openai\",\"base_url\":\"https://c.test\"}");
    provider(
        "d-claude",
        "{\"format\":\"anthropic\",\"base_url\":\"https://d.test\",\"models\":[\"claude-x\"],"
            + "\"default_model\":\"claude-x\"}");

    var m1 = route("format=openai&model=m1");
    assertThat(m1.status()).as(m1.body().toString()).isEqualTo(200);
    assertThat(m1.text("model")).isEqualTo("m1");
    assertThat(candidates(m1)).containsExactly("b-main", "c-any", "a-late");
    assertThat(m1.body().path("variant_name").isNull()).isTrue();
    assertThat(candidates(route("format=openai&model=m2"))).containsExactly("b-main", "c-any");
    assertThat(candidates(route("format=openai&model=other"))).containsExactly("c-any");

    var noModel = route("format=openai");
    assertThat(noModel.text("model")).isEqualTo("m2");
    assertThat(candidates(noModel)).containsExactly("b-main", "c-any");
    var claude = route("format=anthropic");
    assertThat(claude.text("model")).isEqualTo("claude-x");
    assertThat(candidates(claude)).containsExactly("d-claude");

    var unserved = route("format=anthropic&model=gpt-4o");
    assertThat(unserved.status()).isEqualTo(400);
    assertThat(unserved.body().path("error").path("message").asString())
        .contains("'gpt-4o'", "'anthropic'", "PUT /v1/namespaces/default/llm/providers/{name}");

    // A change routes the very next call on this node.
    assertThat(delete("/providers/b-main").status()).isEqualTo(204);
    assertThat(candidates(route("format=openai&model=m1"))).containsExactly("c-any", "a-late");
  }

  @Test
  void aNamespaceWithoutProvidersRefusesTheCallNamingTheModelAndHowToConfigureOne() {
    var resp = route("format=openai&model=gpt-4o");
    assertThat(resp.status()).isEqualTo(400);
    assertThat(resp.body().path("error").path("message").asString())
        .contains("no LLM providers configured", "'openai'", "/llm/providers/{name}");
    provider(
        "p", "{\"format\":\"openai\",\"base_url\":\"https://p.test\",\"models\":[\"gpt-4o\"]}");
    var unknown = route("format=openai&model=gpt-5");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().path("error").path("message").asString())
        .contains("model 'gpt-5' is not configured", "PUT /v1/namespaces/default/llm/providers");
    var noDefault = route("format=openai");
    assertThat(noDefault.status()).isEqualTo(400);
    assertThat(noDefault.body().path("error").path("message").asString()).contains("default_model");
    assertThat(route("format=cohere").body().path("error").path("message").asString())
        .contains("'format'");
  }

  @Test
  void aliasesResolveToTheirModelAndNeverChain() {
    provider("p", "{\"format\":\"openai\",\"base_url\":\"https://p.test\",\"models\":[\"m1\"]}");
    var created = put("/aliases/fast", "{\"model\":\"m1\"}");
    assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
    assertThat(created.text("model")).isEqualTo("m1");
    var routed = route("format=openai&model=fast");
    assertThat(routed.text("model")).isEqualTo("m1");
    assertThat(candidates(routed)).containsExactly("p");

    assertThat(put("/aliases/faster", "{\"model\":\"fast\"}").body().toString())
        .contains("is itself an alias");
    assertThat(put("/aliases/m1", "{\"model\":\"m2\"}").body().toString())
        .contains("points to 'm1'");
    assertThat(put("/aliases/loop", "{\"model\":\"loop\"}").status()).isEqualTo(400);
    assertThat(put("/aliases/x", "{}").body().toString()).contains("'model' is required");
    assertThat(put("/aliases/x", "{\"model\":\"m1\",\"to\":\"y\"}").body().toString())
        .contains("unknown field 'to'");
    assertThat(put("/aliases/bad!name", "{\"model\":\"m1\"}").status()).isEqualTo(400);
    assertThat(server.get(LLM + "/aliases").body().path("items")).hasSize(1);

    assertThat(server.get(LLM + "/aliases/fast").text("model")).isEqualTo("m1");
    assertThat(delete("/aliases/fast").status()).isEqualTo(204);
    assertThat(server.get(LLM + "/aliases/fast").status()).isEqualTo(404);
    assertThat(route("format=openai&model=fast").status())
        .as("without the alias, 'fast' is a model no provider serves")
        .isEqualTo(400);
  }

  private void experiment(String name, String json) {
    var resp = put("/experiments/" + name, json);
    assertThat(resp.status()).as(resp.body().toString()).isEqualTo(200);
  }

  @Test
  void anExperimentSplitsCallsByWeightAndReplacesModelAndSystemPrompt() {
    provider("p", "{\"format\":\"openai\",\"base_url\":\"https://p.test\"}");
    put("/aliases/small", "{\"model\":\"m-small\"}");
    experiment(
        "split",
        "{\"sticky_by\":\"trace\",\"variants\":["
            + "{\"name\":\"control\",\"weight\":1},"
            + "{\"name\":\"treatment\",\"weight\":3,\"model\":\"small\","
            + "\"system_prompt\":\"Be brief.\"}]}");
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 1000; i++) {
      var r = route("format=openai&model=m-big&trace_id=trace-" + i);
      String variant = r.text("variant_name");
      counts.merge(variant, 1, Integer::sum);
      if (variant.equals("treatment")) {
        assertThat(r.text("model")).as("the variant's alias is resolved").isEqualTo("m-small");
        assertThat(r.text("system_prompt")).isEqualTo("Be brief.");
      } else {
        assertThat(r.text("model")).isEqualTo("m-big");
        assertThat(r.body().path("system_prompt").isNull()).isTrue();
      }
    }
    // Expected 250/750; the binomial standard deviation is about 14.
    assertThat(counts.get("control")).isBetween(190, 310);
    assertThat(counts.get("treatment")).isBetween(690, 810);
    // Without session or trace the variant is random, but still one of them.
    assertThat(route("format=openai&model=m").text("variant_name")).isIn("control", "treatment");
  }

  @Test
  void aSessionStaysInOneVariantAndAnAgentsOwnExperimentBeatsTheNamespaces() {
    provider("p", "{\"format\":\"openai\",\"base_url\":\"https://p.test\"}");
    experiment(
        "everyone",
        "{\"variants\":[{\"name\":\"ns-a\",\"weight\":1},{\"name\":\"ns-b\",\"weight\":1}]}");
    experiment(
        "bot-only",
        "{\"agent\":\"bot\",\"sticky_by\":\"session\",\"variants\":"
            + "[{\"name\":\"bot-a\",\"weight\":1,\"model\":\"m-a\"},"
            + "{\"name\":\"bot-b\",\"weight\":1,\"model\":\"m-b\"}]}");

    Set<String> seen = new HashSet<>();
    for (int s = 0; s < 40; s++) {
      Set<String> ofSession = new HashSet<>();
      for (int t = 0; t < 5; t++) {
        var r = route("format=openai&agent=bot&session_id=s-" + s + "&trace_id=t-" + s + "-" + t);
        ofSession.add(r.text("variant_name"));
        assertThat(r.text("model"))
            .isEqualTo(r.text("variant_name").equals("bot-a") ? "m-a" : "m-b");
      }
      assertThat(ofSession).as("session s-" + s + " sticks to one variant").hasSize(1);
      seen.addAll(ofSession);
    }
    assertThat(seen).containsExactlyInAnyOrder("bot-a", "bot-b");
    assertThat(route("format=openai&model=m&agent=other&session_id=s-1").text("variant_name"))
        .startsWith("ns-");
    assertThat(route("format=openai&model=m&session_id=s-1").text("variant_name"))
        .startsWith("ns-");

    // Disabled, the agent's experiment gives way to the namespace's.
    var off =
        put(
            "/experiments/bot-only",
            "{\"agent\":\"bot\",\"enabled\":false,\"variants\":"
                + "[{\"name\":\"bot-a\",\"weight\":1},{\"name\":\"bot-b\",\"weight\":1}]}");
    assertThat(off.body().path("enabled").asBoolean()).isFalse();
    assertThat(route("format=openai&model=m&agent=bot&session_id=s-1").text("variant_name"))
        .startsWith("ns-");
    assertThat(delete("/experiments/everyone").status()).isEqualTo(204);
    var none = route("format=openai&model=m&agent=bot&session_id=s-1");
    assertThat(none.body().path("variant_name").isNull()).isTrue();
  }

  @Test
  void atMostOneExperimentIsEnabledPerScopeAndBadExperimentsAreRefusedByField() {
    String two = "[{\"name\":\"a\",\"weight\":1},{\"name\":\"b\",\"weight\":2}]";
    experiment("first", "{\"agent\":\"bot\",\"variants\":" + two + "}");
    var clash = put("/experiments/second", "{\"agent\":\"bot\",\"variants\":" + two + "}");
    assertThat(clash.status()).isEqualTo(409);
    assertThat(clash.body().path("error").path("code").asString())
        .isEqualTo("experiment_scope_taken");
    assertThat(clash.body().path("error").path("message").asString()).contains("'first'");
    experiment("second", "{\"agent\":\"bot\",\"enabled\":false,\"variants\":" + two + "}");
    experiment("third", "{\"variants\":" + two + "}"); // the namespace scope is another scope

    JsonNode got = server.get(LLM + "/experiments/first").body();
    assertThat(got.path("agent").asString()).isEqualTo("bot");
    assertThat(got.path("sticky_by").asString()).isEqualTo("session");
    assertThat(got.path("variants").get(1).path("weight").asDouble()).isEqualTo(2.0);
    assertThat(server.get(LLM + "/experiments").body().path("items")).hasSize(3);

    Map<String, String> bad = new java.util.LinkedHashMap<>();
    bad.put("{\"variants\":[{\"name\":\"a\",\"weight\":1}]}", "at least 2 variants");
    bad.put("{}", "'variants'");
    bad.put(
        "{\"variants\":[{\"name\":\"a\",\"weight\":1},{\"name\":\"a\",\"weight\":1}]}",
        "'variants[1].name' repeats");
    bad.put(
        "{\"variants\":[{\"name\":\"a\",\"weight\":0},{\"name\":\"b\",\"weight\":1}]}",
        "'variants[0].weight'");
    bad.put("{\"variants\":[{\"name\":\"a\"},{\"name\":\"b\",\"weight\":1}]}", "weight");
    bad.put("{\"variants\":[{\"weight\":1},{\"name\":\"b\",\"weight\":1}]}", "variants[0].name");
    bad.put(
        "{\"variants\":[{\"name\":\"a\",\"weight\":1,\"model\":\"x y\"},"
            + "{\"name\":\"b\",\"weight\":1}]}",
        "'variants[0].model'");
    bad.put(
        "{\"variants\":[{\"name\":\"a\",\"weight\":1,\"system_prompt\":\" \"},"
            + "{\"name\":\"b\",\"weight\":1}]}",
        "'variants[0].system_prompt'");
    bad.put("{\"sticky_by\":\"user\",\"variants\":" + two + "}", "'sticky_by'");
    bad.put("{\"agent\":\"no/slash\",\"variants\":" + two + "}", "'agent'");
    bad.put("{\"share\":1,\"variants\":" + two + "}", "unknown field 'share'");
    bad.put(
        "{\"variants\":[{\"name\":\"a\",\"weight\":1,\"prompt\":\"p\"},"
            + "{\"name\":\"b\",\"weight\":1}]}",
        "unknown field 'prompt'");
    for (var e : bad.entrySet()) {
      var resp = put("/experiments/bad", e.getKey());
      assertThat(resp.status()).as(e.getKey()).isEqualTo(400);
      assertThat(resp.body().path("error").path("message").asString())
          .as(e.getKey())
          .contains(e.getValue());
    }
    assertThat(server.get(LLM + "/experiments/bad").status()).isEqualTo(404);
    assertThat(delete("/experiments/first").status()).isEqualTo(204);
    assertThat(delete("/experiments/first").status()).isEqualTo(404);
  }
}
