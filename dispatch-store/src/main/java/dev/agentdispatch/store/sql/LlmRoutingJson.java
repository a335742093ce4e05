package dev.agentdispatch.store.sql;

import dev.agentdispatch.core.llm.LlmVariant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON columns of the LLM routing tables: a provider's models and an experiment's variants. */
final class LlmRoutingJson {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private LlmRoutingJson() {}

  static String models(List<String> models) {
    ArrayNode array = JSON.createArrayNode();
    models.forEach(array::add);
    return JSON.writeValueAsString(array);
  }

  static List<String> models(String json) {
    List<String> out = new ArrayList<>();
    JSON.readTree(json).forEach(n -> out.add(n.asString()));
    return out;
  }

  static String variants(List<LlmVariant> variants) {
    ArrayNode array = JSON.createArrayNode();
    for (LlmVariant v : variants) {
      ObjectNode o = array.addObject().put("name", v.name()).put("weight", v.weight());
      v.model().ifPresent(m -> o.put("model", m));
      v.systemPrompt().ifPresent(p -> o.put("system_prompt", p));
    }
    return JSON.writeValueAsString(array);
  }

  static List<LlmVariant> variants(String json) {
    List<LlmVariant> out = new ArrayList<>();
    for (JsonNode n : JSON.readTree(json)) {
      out.add(
          new LlmVariant(
              n.path("name").asString(),
              n.path("weight").asDouble(),
              text(n, "model"),
              text(n, "system_prompt")));
    }
    return out;
  }

  private static Optional<String> text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asString());
  }
}
