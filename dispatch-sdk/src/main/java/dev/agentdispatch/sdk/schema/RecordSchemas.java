package dev.agentdispatch.sdk.schema;

import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import dev.agentdispatch.sdk.json.Json;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates the JSON Schema (draft 2020-12) of a record, as the server expects for a function's
 * input and output.
 *
 * <p>Rules: every record component is required unless it is an {@code Optional} (or {@code
 * OptionalInt}/{@code Long}/{@code Double}) or carries an annotation named {@code Nullable};
 * optional components also accept {@code null}. Objects refuse unknown properties. Enums list their
 * constants, lists become arrays, nested records go to {@code $defs}, and
 * {@code @JsonPropertyDescription} / {@code @JsonClassDescription} become descriptions. {@link
 * JsonNode} components accept any JSON.
 */
public final class RecordSchemas {
  private static final Set<Class<?>> OPTIONALS =
      Set.of(Optional.class, OptionalInt.class, OptionalLong.class, OptionalDouble.class);

  private static final SchemaGenerator GENERATOR = new SchemaGenerator(config().build());

  private RecordSchemas() {}

  /**
   * Generates the schema of a type, usually a record.
   *
   * @param type the type
   * @return a fresh schema document, with {@code $schema} set
   */
  public static ObjectNode schemaOf(Type type) {
    return GENERATOR.generateSchema(type);
  }

  private static SchemaGeneratorConfigBuilder config() {
    SchemaGeneratorConfigBuilder builder =
        new SchemaGeneratorConfigBuilder(
            Json.payload(), SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON);
    builder.with(new JacksonSchemaModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED));
    builder.with(Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES, Option.STANDARD_FORMATS);
    builder.without(Option.FLATTENED_ENUMS); // replaced by enumDefinition, which asks Jackson
    builder.forFields().withRequiredCheck(field -> !isOptional(field));
    builder.forFields().withNullableCheck(RecordSchemas::isOptional);
    // Keep the record's component order: it is the order a reader of the schema expects.
    builder.forTypesInGeneral().withPropertySorter((a, b) -> 0);
    builder
        .forTypesInGeneral()
        .withAdditionalPropertiesResolver(
            scope -> isClosedObject(scope.getType().getErasedType()) ? Void.class : null);
    builder
        .forTypesInGeneral()
        .withCustomDefinitionProvider((type, context) ->
            fixedDefinition(type.getErasedType(), context.getGeneratorConfig().createObjectNode()));
    return builder;
  }

  /** Records and user classes refuse unknown properties; maps and free-form JSON do not. */
  private static boolean isClosedObject(Class<?> type) {
    return type.isRecord()
        || !type.isPrimitive()
            && !type.isEnum()
            && !type.isInterface()
            && !type.isArray()
            && !type.getName().startsWith("java.")
            && !JsonNode.class.isAssignableFrom(type);
  }

  /** Types whose schema the generator cannot derive from their members. */
  private static CustomDefinition fixedDefinition(Class<?> type, ObjectNode node) {
    if (JsonNode.class.isAssignableFrom(type)) {
      return new CustomDefinition(node); // any JSON value
    }
    if (type.isEnum()) {
      return new CustomDefinition(enumDefinition(type, node));
    }
    if (type == OptionalInt.class || type == OptionalLong.class) {
      return new CustomDefinition(node.put("type", "integer"));
    }
    if (type == OptionalDouble.class) {
      return new CustomDefinition(node.put("type", "number"));
    }
    return null;
  }

  /** The values Jackson actually writes, so @JsonProperty and @JsonValue on constants count. */
  private static ObjectNode enumDefinition(Class<?> type, ObjectNode node) {
    node.put("type", "string");
    ArrayNode values = node.putArray("enum");
    for (Object constant : type.getEnumConstants()) {
      values.add(Json.payload().valueToTree(constant));
    }
    return node;
  }

  private static boolean isOptional(FieldScope field) {
    return OPTIONALS.contains(field.getDeclaredType().getErasedType()) || hasNullable(field);
  }

  private static boolean hasNullable(FieldScope field) {
    // Any @Nullable (JSpecify, JSR-305, Jakarta...) counts, so users need no particular library.
    return named(field.getRawMember().getAnnotations())
        || named(field.getRawMember().getAnnotatedType().getAnnotations());
  }

  private static boolean named(Annotation[] annotations) {
    for (Annotation a : annotations) {
      if (a.annotationType().getSimpleName().equals("Nullable")) {
        return true;
      }
    }
    return false;
  }
}
