package dev.agentdispatch.bench.report;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The report as JSON (snake_case, indented), for CI and for comparing runs; a missing number is
 * null.
 */
public final class JsonFormat {
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private JsonFormat() {}

  public static String format(BenchReport report) {
    JsonNode tree = JSON.valueToTree(report);
    return JSON.writeValueAsString(withoutNaN(tree));
  }

  /** NaN (a metric that was not measured) is not JSON: write null instead. */
  private static JsonNode withoutNaN(JsonNode node) {
    if (node instanceof ObjectNode o) {
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        o.set(e.getKey(), withoutNaN(e.getValue()));
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        a.set(i, withoutNaN(a.get(i)));
      }
    } else if (node.isNumber() && Double.isNaN(node.asDouble())) {
      return JSON.nullNode();
    }
    return node;
  }
}
