package dev.agentdispatch.server.invocations;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.agentdispatch.server.api.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Validates payloads against functions' JSON Schemas (draft 2020-12 unless the schema says otherwise).
 * Each distinct schema text is compiled once and cached.
 */
public final class SchemaValidator {
  private static final int MAX_CACHED = 10_000;
  private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

  /** One violation: where in the payload, and what is wrong. */
  public record Violation(String path, String message, String keyword) {}

  /** Compiles a schema, throwing {@link IllegalArgumentException} with the reason when it is not valid. */
  public void check(String schemaJson) {
    try {
      schema(schemaJson);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("invalid JSON Schema: " + e.getMessage(), e);
    }
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
