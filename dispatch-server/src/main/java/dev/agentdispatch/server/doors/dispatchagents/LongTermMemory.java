package dev.agentdispatch.server.doors.dispatchagents;

import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.memory.MemoryService;
import dev.agentdispatch.server.doors.http.ApiException;
import dev.agentdispatch.store.Page;
import dev.agentdispatch.store.memory.KvEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The SDK's long-term memory on the same per-agent store as {@code /v1/…/agents/{agent}/kv}: values
 * are strings there and are kept as JSON strings, so either door reads back what the other wrote (a
 * non-string value written through {@code /v1} reads here as its JSON text).
 */
final class LongTermMemory {
  private static final int PAGE = 1000;

  private final MemoryService memory;

  LongTermMemory(MemoryService memory) {
    this.memory = memory;
  }

  Views.Message put(String ns, Wire.LongTermMemory body) {
    if (body.value() == null) {
      throw ApiException.badRequest("value is required (a string)");
    }
    memory.put(
        ns,
        body.agentName(),
        body.key(),
        new MemoryService.Put(JsonNodeFactory.instance.stringNode(body.value()), Optional.empty()));
    return new Views.Message("Long term memory added successfully");
  }

  /** The SDK reads a missing key as {@code null}, never as an error. */
  Views.MemoryValue get(String ns, Wire.LongTermMemory body) {
    try {
      return new Views.MemoryValue(text(memory.get(ns, body.agentName(), body.key()).valueJson()));
    } catch (ServiceException.NotFound e) {
      return new Views.MemoryValue(null);
    }
  }

  /** Deleting what is not there succeeds, as the SDK expects. */
  Views.Message delete(String ns, Wire.LongTermMemory body) {
    try {
      memory.delete(ns, body.agentName(), body.key());
    } catch (ServiceException.NotFound e) {
      // already gone
    }
    return new Views.Message("Long term memory deleted successfully");
  }

  Views.AgentMemories list(String ns, String agent) {
    List<Views.AgentMemories.Memory> out = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      Page<KvEntry> page = memory.list(ns, agent, "", PAGE, cursor);
      for (KvEntry e : page.items()) {
        out.add(
            new Views.AgentMemories.Memory(e.key(), text(e.valueJson()), e.updatedAt().toString()));
      }
      cursor = page.nextCursor();
    } while (cursor.isPresent());
    return new Views.AgentMemories(agent, out);
  }

  /**
   * A stored value as the SDK's string: a JSON string as itself, anything else as its JSON text.
   */
  private static String text(String valueJson) {
    JsonNode value = Json.tree(valueJson);
    return value.isString() ? value.asString() : value.toString();
  }
}
