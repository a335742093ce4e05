package dev.agentdispatch.runtime.policy;

import dev.agentdispatch.runtime.internal.Maps;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** An action with optional parameters. */
public record PolicyActionData(PolicyAction action, Map<String, Object> params) {
  public PolicyActionData {
    Objects.requireNonNull(action, "action is null");
    params = Maps.deepCopy(Objects.requireNonNull(params, "params is null"));
  }

  public static PolicyActionData of(PolicyAction action) {
    return new PolicyActionData(action, Map.of());
  }

  /** {action, params?}; empty params are omitted. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("action", action.value());
    if (!params.isEmpty()) {
      m.put("params", params);
    }
    return m;
  }
}
