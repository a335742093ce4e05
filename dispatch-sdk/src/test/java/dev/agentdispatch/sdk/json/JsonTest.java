package dev.agentdispatch.sdk.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

class JsonTest {
  record Req(String name, Optional<String> language) {}

  @Test
  void strictReadingRefusesUnknownFieldsAndLenientReadingIgnoresThem() {
    JsonNode node = Json.payload().readTree("{\"name\":\"Ada\",\"colour\":\"red\"}");

    assertThat(Json.fromTree(node, Req.class)).isEqualTo(new Req("Ada", Optional.empty()));
    assertThatThrownBy(() -> Json.fromTreeStrict(node, Req.class))
        .isInstanceOf(JacksonException.class)
        .hasMessageContaining("colour");
  }

  @Test
  void explicitNullOptionalBecomesEmpty() {
    JsonNode node = Json.payload().readTree("{\"name\":\"Ada\",\"language\":null}");
    assertThat(Json.fromTreeStrict(node, Req.class).language()).isEmpty();
  }

  @Test
  void toTreeAcceptsRecordsTreesAndNull() {
    assertThat(Json.toTree(new Req("Ada", Optional.of("fr"))).path("language").asString())
        .isEqualTo("fr");
    JsonNode tree = Json.payload().createObjectNode().put("a", 1);
    assertThat(Json.toTree(tree)).isSameAs(tree);
    assertThat(Json.toTree(null).isNull()).isTrue();
  }
}
