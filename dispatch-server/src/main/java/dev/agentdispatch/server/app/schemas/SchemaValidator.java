package dev.agentdispatch.server.app.schemas;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.agentdispatch.server.app.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Validates payloads against functions' JSON Schemas (draft 2020-12 unless the schema says
 * otherwise). Each distinct schema text is compiled once and cached.
 */
public final class SchemaValidator {
  private static final int MAX_CACHED = 10_000;

  /** Resolved from the validator's bundled copy, never fetched. */
  private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";

  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

  /** One violation: where in the payload, and what is wrong. */
  public record Violation(String path, String message, String keyword) {}

  /**
   * Checks a schema against the draft 2020-12 meta-schema and compiles it, throwing {@link
   * IllegalArgumentException} with every reason when it is not a valid schema.
   */
  public void check(String schemaJson) {
    JsonNode node = Json.tree(schemaJson);
    List<Error> problems = metaSchema().validate(node);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          problems.stream().map(e -> path(e) + ": " + e.getMessage()).toList().toString());
    }
    try {
      schema(schemaJson);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private Schema metaSchema() {
    return compiled.computeIfAbsent(META_SCHEMA, uri -> registry.getSchema(SchemaLocation.of(uri)));
  }

  /** Every violation of {@code payload} against the schema; empty when valid. */
  public List<Violation> validate(String schemaJson, JsonNode payload) {
    List<Error> errors = schema(schemaJson).validate(payload);
    return errors.stream()
        .map(e -> new Violation(path(e), e.getMessage(), e.getKeyword()))
        .toList();
  }

  private static String path(Error e) {
    String p = e.getInstanceLocation().toString();
    return p.isEmpty() ? "$" : p;
  }

  private Schema schema(String schemaJson) {
    Schema s = compiled.get(schemaJson);
    if (s == null) {
      if (compiled.size() > MAX_CACHED) {
        compiled.clear();
      }
      s = registry.getSchema(Json.tree(schemaJson));
      compiled.put(schemaJson, s);
    }
    return s;
  }
}
