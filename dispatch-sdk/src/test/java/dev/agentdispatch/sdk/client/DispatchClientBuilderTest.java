package dev.agentdispatch.sdk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DispatchClientBuilderTest {
  @Test
  void defaultsAreTheNamedConstants() {
    ClientConfig config = DispatchClient.builder().build().config();

    assertThat(config.baseUrl()).isEqualTo(URI.create(DispatchClient.DEFAULT_BASE_URL));
    assertThat(config.namespace()).isEqualTo(DispatchClient.DEFAULT_NAMESPACE);
    assertThat(config.apiKey()).isEmpty();
    assertThat(config.connectTimeout()).isEqualTo(DispatchClient.DEFAULT_CONNECT_TIMEOUT);
    assertThat(config.requestTimeout()).isEqualTo(DispatchClient.DEFAULT_REQUEST_TIMEOUT);
  }

  @Test
  void trailingSlashesAreDropped() {
    ClientConfig config =
        DispatchClient.builder().baseUrl("http://dispatch.local:8080/").build().config();
    assertThat(config.baseUrl()).hasToString("http://dispatch.local:8080");
  }

  @Test
  void invalidSettingsAreRefusedWithTheValueInTheMessage() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DispatchClient.builder().baseUrl("127.0.0.1:7070").build())
        .withMessageContaining("absolute http(s) URL")
        .withMessageContaining("127.0.0.1:7070");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DispatchClient.builder().baseUrl("http://h:1?x=1").build())
        .withMessageContaining("no query");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DispatchClient.builder().namespace("has space").build())
        .withMessageContaining("'has space'");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DispatchClient.builder().requestTimeout(Duration.ZERO).build())
        .withMessageContaining("requestTimeout must be positive");
  }

  @Test
  void environmentOverridesDefaultsAndBlankValuesAreIgnored() {
    DispatchClient client =
        DispatchClient.fromEnvironment(
            Map.of(
                "DISPATCH_URL", "https://dispatch.example.com",
                "DISPATCH_NAMESPACE", "staging",
                "DISPATCH_API_KEY", "  "));

    assertThat(client.config().baseUrl()).hasToString("https://dispatch.example.com");
    assertThat(client.config().namespace()).isEqualTo("staging");
    assertThat(client.config().apiKey()).isEmpty();
  }

  @Test
  void emptyEnvironmentGivesDefaults() {
    DispatchClient client = DispatchClient.fromEnvironment(Map.of("DISPATCH_API_KEY", "k"));

    assertThat(client.config().baseUrl()).hasToString(DispatchClient.DEFAULT_BASE_URL);
    assertThat(client.config().namespace()).isEqualTo("default");
    assertThat(client.config().apiKey()).contains("k");
  }
}
