package dev.agentdispatch.runtime.output;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.agentdispatch.runtime.internal.Json;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * JSON output valid against a JSON Schema (draft 2020-12), through networknt's validator, an
 * optional dependency needed only by this class. The code fence is stripped as in {@link
 * JsonOutputSpec}; every violation is listed in the message, so a re-ask tells the model all of
 * them. Parses to maps, lists, strings, numbers and booleans.
 */
public final class JsonSchemaOutputSpec implements OutputSpec<Object> {
  private final Schema schema;

  /**
   * @param schemaJson the schema; refused (IllegalArgumentException) when it is not JSON
   */
  public JsonSchemaOutputSpec(String schemaJson) {
    JsonNode node;
    try {
      node = Json.mapper().readTree(schemaJson);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("schema is not valid JSON: " + e.getOriginalMessage(), e);
    }
    this.schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(node);
  }

  @Override
  public Object parse(String output) {
    JsonNode node;
    try {
      node = Json.mapper().readTree(JsonOutputSpec.strip(output));
    } catch (JacksonException e) {
      throw new OutputValidationException("output is not valid JSON: " + e.getOriginalMessage(), e);
    }
    List<Error> errors = schema.validate(node);
    if (!errors.isEmpty()) {
      throw new OutputValidationException(
          "output violates the schema: "
              + errors.stream()
                  .map(e -> {
                    String at = e.getInstanceLocation().toString();
                    return (at.isEmpty() ? "$" : at) + ": " + e.getMessage();
                  })
                  .toList());
    }
    return Json.mapper().convertValue(node, Object.class);
  }
}
