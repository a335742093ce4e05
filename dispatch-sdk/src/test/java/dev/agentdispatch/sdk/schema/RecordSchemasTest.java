package dev.agentdispatch.sdk.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RecordSchemasTest {
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
  @interface Nullable {}

  enum Tone {
    FRIENDLY,
    FORMAL,
    @JsonProperty("very-loud")
    LOUD
  }

  record Address(String city, Optional<String> zip) {}

  @JsonClassDescription("Who to greet")
  record Request(
      @JsonPropertyDescription("The person's name") String name,
      Optional<String> language,
      OptionalInt times,
      @Nullable String nickname,
      int age,
      Tone tone,
      List<String> tags,
      List<Address> previous,
      Address address,
      Map<String, Integer> scores,
      Instant at,
      JsonNode extra) {}

  private final JsonNode schema = RecordSchemas.schemaOf(Request.class);

  @Test
  void isDraft202012ObjectThatRefusesUnknownProperties() {
    assertThat(schema.path("$schema").asString())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.path("type").asString()).isEqualTo("object");
    assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
    assertThat(schema.path("description").asString()).isEqualTo("Who to greet");
  }

  @Test
  void componentsAreRequiredUnlessOptionalOrNullable() {
    assertThat(strings(schema.path("required")))
        .containsExactly(
            "name", "age", "tone", "tags", "previous", "address", "scores", "at", "extra");
  }

  @Test
  void optionalComponentsAlsoAcceptNull() {
    assertThat(strings(property("language").path("type"))).containsExactly("string", "null");
    assertThat(strings(property("times").path("type"))).containsExactly("integer", "null");
  }

  @Test
  void propertiesKeepDeclarationOrderAndDescriptions() {
    assertThat(schema.path("properties").propertyNames()).startsWith("name", "language", "times");
    assertThat(property("name").path("description").asString()).isEqualTo("The person's name");
  }

  @Test
  void enumsListTheirWireValues() {
    assertThat(strings(property("tone").path("enum")))
        .containsExactly("FRIENDLY", "FORMAL", "very-loud");
  }

  @Test
  void listsAreArraysOfTheirElementSchema() {
    assertThat(property("tags").path("type").asString()).isEqualTo("array");
    assertThat(property("tags").path("items").path("type").asString()).isEqualTo("string");
    assertThat(property("previous").path("items").path("$ref").asString())
        .isEqualTo("#/$defs/Address");
  }

  @Test
  void nestedRecordsAreDefinedOnceWithTheirOwnRequiredFields() {
    assertThat(property("address").path("$ref").asString()).isEqualTo("#/$defs/Address");
    JsonNode address = schema.path("$defs").path("Address");
    assertThat(strings(address.path("required"))).containsExactly("city");
    assertThat(address.path("additionalProperties").asBoolean(true)).isFalse();
  }

  @Test
  void mapsTimestampsAndFreeFormJsonHaveFittingSchemas() {
    assertThat(property("scores").path("additionalProperties").path("type").asString())
        .isEqualTo("integer");
    assertThat(property("at").path("format").asString()).isEqualTo("date-time");
    assertThat(property("extra").isEmpty()).isTrue();
  }

  private JsonNode property(String name) {
    return schema.path("properties").path(name);
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new java.util.ArrayList<>();
    array.forEach(n -> values.add(n.asString()));
    return values;
  }
}
