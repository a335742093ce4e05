package dev.agentdispatch.server.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.server.DispatchServer;
import dev.agentdispatch.server.ServerConfig;
import dev.agentdispatch.server.TestServer;
import dev.agentdispatch.server.config.ConfigFileException;
import dev.agentdispatch.server.config.ConfiguredPrice;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The {@code --config} file: applied at every start like the admin API, refused when wrong. */
class LlmConfigFileTest {
  private static final String LLM = "/v1/namespaces/default/llm";

  private static final String TOML =
      """
      [[llm.providers]]
      namespace = "default"
      name = "openai"
      format = "openai"
      base_url = "https://api.example.test/v1"
      api_key_env = "PATH"
      models = ["gpt-4o", "gpt-4o-mini"]
      default_model = "gpt-4o"
      priority = 0

      [[llm.providers]]
      namespace = "team"
      name = "claude"
      format = "anthropic"
      base_url = "https://claude.example.test"
      priority = 3

      [llm.aliases.default]
      fast = "gpt-4o-mini"

      [[llm.pricing]]
      namespace = "default"
      model = "gpt-4o"
      input_per_mtok = 3.5
      output_per_mtok = 11
      cache_read_per_mtok = 1.25
      """;

  @TempDir Path dir;

  private ServerConfig config(Path file) {
    return ServerConfig.defaults()
        .withPort(0)
        .withDb("sqlite:" + dir.resolve("dispatch.db"))
        .withSweepInterval(Duration.ofMillis(100))
        .withConfigFile(file);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void theFileDeclaresProvidersAliasesAndPricesAndWinsOnRestart() throws IOException {
    Path file = write("dispatch.toml", TOML);
    try (TestServer server = TestServer.start(config(file))) {
      JsonNode openai = server.get(LLM + "/providers/openai").body();
      assertThat(openai.path("base_url").asString()).isEqualTo("https://api.example.test/v1");
      assertThat(openai.path("api_key_present").asBoolean()).isTrue();
      assertThat(openai.toString()).doesNotContain(System.getenv("PATH"));
      assertThat(
              server
                  .get("/v1/namespaces/team/llm/providers/claude")
                  .body()
                  .path("priority")
                  .asInt())
          .isEqualTo(3);
      var fast = server.get(LLM + "/route?format=openai&model=fast");
      assertThat(fast.text("model")).isEqualTo("gpt-4o-mini");
      assertThat(server.server().configFile().prices())
          .containsExactly(
              new ConfiguredPrice(
                  "default",
                  "gpt-4o",
                  new BigDecimal("3.5"),
                  new BigDecimal("11"),
                  new BigDecimal("1.25"),
                  new BigDecimal("3.5")));
      // ...and the ledger prices calls by them, as the namespace's own prices.
      JsonNode price = server.get(LLM + "/pricing/gpt-4o").body();
      assertThat(price.path("source").asString()).isEqualTo("namespace");
      assertThat(price.path("input_per_mtok").decimalValue()).isEqualByComparingTo("3.5");
      assertThat(price.path("output_per_mtok").decimalValue()).isEqualByComparingTo("11");
      // Changed through the API until the next start...
      var changed =
          server.put(
              LLM + "/providers/openai",
              "{\"format\":\"openai\",\"base_url\":\"https://changed.example.test\"}");
      assertThat(changed.status()).isEqualTo(200);
      assertThat(
              server
                  .put(
                      LLM + "/providers/extra",
                      "{\"format\":\"openai\",\"base_url\":\"https://x.test\"}")
                  .status())
          .isEqualTo(200);
    }
    try (TestServer server = TestServer.start(config(file))) {
      // ...when the file wins again; what the file does not mention stays.
      assertThat(server.get(LLM + "/providers/openai").text("base_url"))
          .isEqualTo("https://api.example.test/v1");
      assertThat(server.get(LLM + "/providers/extra").status()).isEqualTo(200);
    }
  }

  @Test
  void aJsonFileWithTheSameStructureWorksToo() throws IOException {
    Path file =
        write(
            "dispatch.json",
            "{\"llm\":{\"providers\":[{\"namespace\":\"default\",\"name\":\"local\","
                + "\"format\":\"openai\",\"base_url\":\"http://127.0.0.1:11434/v1\"}],"
                + "\"aliases\":{\"default\":{\"small\":\"llama3:8b\"}}}}");
    try (TestServer server = TestServer.start(config(file))) {
      var routed = server.get(LLM + "/route?format=openai&model=small");
      assertThat(routed.text("model")).isEqualTo("llama3:8b");
      assertThat(routed.body().path("candidates").get(0).path("name").asString())
          .isEqualTo("local");
    }
  }

  private void refused(String fileName, String text, String... inMessage) throws IOException {
    Path file = write(fileName, text);
    assertThatThrownBy(() -> DispatchServer.start(config(file)).close())
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContainingAll(inMessage);
    assertThat(dir.resolve("dispatch.db"))
        .as("a bad file fails before the database")
        .doesNotExist();
  }

  @Test
  void anUnknownKeyFailsTheStartNamingTheKeyAndTheFile() throws IOException {
    refused(
        "typo.toml",
        TOML.replace("base_url = \"https://api", "bse_url = \"https://api"),
        "unknown key 'llm.providers[0].bse_url'",
        "base_url");
    refused("section.toml", TOML + "\n[server]\nport = 1\n", "unknown key 'server'");
    refused("price.toml", TOML + "cache_price = 1\n", "unknown key 'llm.pricing[0].cache_price'");
  }

  @Test
  void aBadValueFailsTheStartNamingWhereItIs() throws IOException {
    refused(
        "format.toml",
        TOML.replace("format = \"anthropic\"", "format = \"gemini\""),
        "llm.providers[1]",
        "'format'");
    refused(
        "key.toml",
        TOML.replace("api_key_env = \"PATH\"", "api_key = \"sk-live\""),
        "llm.providers[0]",
        "'api_key' is not accepted");
    refused(
        "nons.toml",
        TOML.replace("namespace = \"team\"\n", ""),
        "llm.providers[1]",
        "'namespace' is required");
    refused(
        "price.toml",
        TOML.replace("output_per_mtok = 11", "output_per_mtok = -1"),
        "llm.pricing[0]",
        "'output_per_mtok'");
    refused("ext.yaml", "llm: {}", "must end in .toml or .json");
    refused("broken.toml", "[[llm.providers]\n", "broken.toml");
  }

  @Test
  void aliasesThatWouldChainFailTheStart() throws IOException {
    refused(
        "chain.toml",
        "[llm.aliases.default]\nfast = \"small\"\nsmall = \"gpt-4o-mini\"\n",
        "llm.aliases.default.fast",
        "aliases do not chain");
  }

  @Test
  void anAliasThatWouldChainOntoOneMadeThroughTheApiFailsTheStartNamingIt() throws IOException {
    try (TestServer server = TestServer.start(dir)) {
      assertThat(server.put(LLM + "/aliases/small", "{\"model\":\"gpt-4o-mini\"}").status())
          .isEqualTo(200);
    }
    Path file = write("onto.toml", "[llm.aliases.default]\nfast = \"small\"\n");
    assertThatThrownBy(() -> DispatchServer.start(config(file)).close())
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContainingAll("onto.toml", "llm.aliases.default.fast", "is itself an alias");
  }
}
