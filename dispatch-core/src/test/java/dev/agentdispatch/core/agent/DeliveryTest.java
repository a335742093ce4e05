package dev.agentdispatch.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryTest {
  @ParameterizedTest
  @ValueSource(
      strings = {"http://127.0.0.1:8080/invoke", "https://agent.example/run?x=1", "HTTP://h"})
  void httpAndHttpsUrlsWithAHostAreAccepted(String url) {
    Delivery.Http http = Delivery.Http.of(url);
    assertThat(http.mode()).isEqualTo("http");
    assertThat(http.tls()).isEqualTo(url.startsWith("https"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ftp://h/x|must start with http:// or https://",
        "/invoke|must start with http:// or https://",
        "http:///x|has no host",
        "http://h/x#frag|must not have a #fragment",
        "http://h x|is not a URL"
      })
  void otherUrlsAreRefusedNamingWhy(String url, String why) {
    assertThatThrownBy(() -> Delivery.Http.of(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(why);
  }

  @ParameterizedTest
  @ValueSource(strings = {"nohost", ":50051", "h:", "h:0", "h:65536", "h:port"})
  void aGrpcAddressIsHostColonPort(String address) {
    assertThatThrownBy(() -> new Delivery.Grpc(address, true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aGrpcAgentSaysWhetherItSpeaksTls(boolean tls) {
    assertThat(new Delivery.Grpc("127.0.0.1:50051", tls).tls()).isEqualTo(tls);
    assertThat(new Delivery.Grpc("127.0.0.1:50051").tls()).isFalse();
  }
}
