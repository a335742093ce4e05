package dev.agentdispatch.server.doors.langgraph;

import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.ServiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request body as the platform sends it: a JSON object whose fields this door either honours or
 * refuses. A field it does not know is refused, never silently ignored; {@code null} counts as
 * absent, as the SDKs send unset options that way.
 */
record Body(JsonNode json) {

  /**
   * Reads {@code text} (an empty body is an empty object) and refuses fields not in {@code known}.
   */
  static Body of(String text, Set<String> known) {
    JsonNode json;
    if (text == null || text.isBlank()) {
      json = JsonNodeFactory.instance.objectNode();
    } else {
      try {
        json = Json.tree(text);
      } catch (JacksonException e) {
        throw new ServiceException.Invalid("malformed JSON: " + e.getOriginalMessage());
      }
    }
    if (json == null || !json.isObject()) {
      throw new ServiceException.Invalid("the body must be a JSON object");
    }
    List<String> unknown = new ArrayList<>();
    for (String name : json.propertyNames()) {
      if (!known.contains(name) && !json.get(name).isNull()) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw new ServiceException.Invalid(
          "not supported by this server: " + unknown + " (it takes " + known + ")");
    }
    return new Body(json);
  }

  Optional<JsonNode> field(String name) {
    JsonNode v = json.path(name);
    return v.isMissingNode() || v.isNull() ? Optional.empty() : Optional.of(v);
  }

  Optional<String> text(String name) {
    return field(name)
        .map(v -> {
          if (!v.isString()) {
            throw new ServiceException.Invalid(name + " must be a string, got " + v);
          }
          return v.asString();
        });
  }

  /** An object field; absent is an empty object. */
  ObjectNode object(String name) {
    return field(name)
        .map(v -> {
          if (!v.isObject()) {
            throw new ServiceException.Invalid(name + " must be an object, got " + v);
          }
          return (ObjectNode) v;
        })
        .orElseGet(JsonNodeFactory.instance::objectNode);
  }

  int integer(String name, int fallback, int min, int max) {
    return field(name)
        .map(v -> {
          if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            throw new ServiceException.Invalid(
                name + " must be an integer from " + min + " to " + max + ", got " + v);
          }
          return v.asInt();
        })
        .orElse(fallback);
  }

  /** A string or a list of strings; absent is {@code fallback}. */
  List<String> texts(String name, List<String> fallback) {
    Optional<JsonNode> v = field(name);
    if (v.isEmpty()) {
      return fallback;
    }
    if (v.get().isString()) {
      return List.of(v.get().asString());
    }
    if (!v.get().isArray()) {
      throw new ServiceException.Invalid(name + " must be a string or a list of strings");
    }
    List<String> all = new ArrayList<>();
    for (JsonNode e : v.get()) {
      if (!e.isString()) {
        throw new ServiceException.Invalid(name + " must hold strings, got " + e);
      }
      all.add(e.asString());
    }
    return all;
  }
}
