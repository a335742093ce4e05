package dev.agentdispatch.sdk.worker;

import dev.agentdispatch.sdk.client.MemoryEndpoints;
import dev.agentdispatch.sdk.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** {@link Kv} over the memory endpoints of the lease's agent. */
final class LeaseKv implements Kv {
  private final MemoryEndpoints memory;

  LeaseKv(MemoryEndpoints memory) {
    this.memory = memory;
  }

  @Override
  public void put(String key, Object value) {
    memory.put(key, Json.toTree(value), Optional.empty());
  }

  @Override
  public void put(String key, Object value, Duration ttl) {
    memory.put(key, Json.toTree(value), Optional.of(ttl));
  }

  @Override
  public Optional<JsonNode> get(String key) {
    return memory.get(key).map(e -> e.path("value"));
  }

  @Override
  public <T> Optional<T> get(String key, Class<T> type) {
    return get(key).map(v -> Json.fromTree(v, type));
  }

  @Override
  public boolean delete(String key) {
    return memory.delete(key);
  }

  @Override
  public List<String> keys(String prefix) {
    List<String> keys = new ArrayList<>();
    for (JsonNode e : memory.list(prefix, Optional.empty()).path("items")) {
      keys.add(e.path("key").asString());
    }
    return keys;
  }
}
