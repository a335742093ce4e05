package dev.agentdispatch.server.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.core.llm.TokenUsage;
import dev.agentdispatch.server.DispatchServer;
import dev.agentdispatch.server.ServerConfig;
import dev.agentdispatch.server.TestServer;
import dev.agentdispatch.server.app.llm.pricing.ModelPrice;
import dev.agentdispatch.server.app.llm.pricing.PriceTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pricing table: the built-in one, one an operator supplies, and refusals of bad ones. */
class PricingFileTest {
  @TempDir Path dir;

  private ServerConfig config() {
    return ServerConfig.defaults()
        .withPort(0)
        .withDb("sqlite:" + dir.resolve("pricing.db"))
        .withSweepInterval(Duration.ofMillis(100));
  }

  @Test
  void theBuiltInTableLoadsAndPricesEveryTokenClass() {
    PriceTable table = PriceTable.builtIn();
    assertThat(table.defaultPrice())
        .isEqualTo(new ModelPrice(2_500_000, 10_000_000, 2_500_000, 2_500_000));
    ModelPrice sonnet = table.models().get("claude-sonnet-4-5");
    assertThat(sonnet).isEqualTo(new ModelPrice(3_000_000, 15_000_000, 300_000, 3_750_000));
    // 1 of each: (3 + 15 + 0.30 + 3.75) / 1e6 dollars = 22.05 micro-dollars → 22
    assertThat(sonnet.cost(new TokenUsage(1, 1, 1, 1))).isEqualTo(22);
    assertThat(table.models()).containsKeys("gpt-4o", "gpt-4o-mini", "gemini-2.0-flash");
  }

  @Test
  void anOperatorsFileReplacesTheTable() throws Exception {
    Path file = dir.resolve("prices.json");
    Files.writeString(
        file,
        """
        {"default": {"input_per_mtok": 1, "output_per_mtok": 1},
         "models": {"House-Model": {"input_per_mtok": 0.5, "output_per_mtok": 4}}}
        """);
    try (TestServer server = TestServer.start(config().withPricingFile(file))) {
      var house =
          server.post(
              "/v1/namespaces/default/llm/calls",
              "{\"model\":\"house-model-v2\",\"provider\":\"local\",\"input_tokens\":1000000,\"output_tokens\":1000000}");
      assertThat(house.body().path("cost_usd").decimalValue()).isEqualByComparingTo("4.5");
      // gpt-4o is not in this table: the file's default prices it.
      var gpt =
          server.post(
              "/v1/namespaces/default/llm/calls",
              "{\"model\":\"gpt-4o\",\"provider\":\"openai\",\"input_tokens\":1000000,\"output_tokens\":0}");
      assertThat(gpt.body().path("cost_usd").decimalValue()).isEqualByComparingTo("1");
    }
  }

  @Test
  void aBadFileFailsTheStartNamingTheProblem() throws Exception {
    Path typo = dir.resolve("typo.json");
    Files.writeString(
        typo,
        "{\"default\":{\"input_per_mtok\":1,\"output_per_mtok\":1},\"models\":{\"m\":{\"input_per_mtok\":1,\"ouptut_per_mtok\":2}}}");
    assertThatThrownBy(() -> DispatchServer.start(config().withPricingFile(typo)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown field 'models.m.ouptut_per_mtok'");
    Path noDefault = dir.resolve("nodefault.json");
    Files.writeString(noDefault, "{\"models\":{}}");
    assertThatThrownBy(() -> DispatchServer.start(config().withPricingFile(noDefault)))
        .hasMessageContaining("'default' is required");
    Path negative = dir.resolve("negative.json");
    Files.writeString(negative, "{\"default\":{\"input_per_mtok\":-1,\"output_per_mtok\":1}}");
    assertThatThrownBy(() -> DispatchServer.start(config().withPricingFile(negative)))
        .hasMessageContaining("default.input_per_mtok")
        .hasMessageContaining("negative");
    assertThatThrownBy(
            () -> DispatchServer.start(config().withPricingFile(dir.resolve("missing.json"))))
        .hasMessageContaining("cannot read pricing file");
  }
}
