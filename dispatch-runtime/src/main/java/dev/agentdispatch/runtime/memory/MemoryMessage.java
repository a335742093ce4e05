package dev.agentdispatch.runtime.memory;

import dev.agentdispatch.runtime.internal.Checks;
import dev.agentdispatch.runtime.internal.Maps;
import java.util.Map;
import java.util.Objects;

/** One message of a conversation: a role ({@code system}, {@code user}, ...), text and metadata. */
public record MemoryMessage(String role, String content, Map<String, Object> metadata) {
  /** The role compactions keep. */
  public static final String SYSTEM = "system";

  public MemoryMessage {
    role = Checks.nonBlank(role, "role");
    Objects.requireNonNull(content, "content is null");
    metadata = Maps.deepCopy(Objects.requireNonNull(metadata, "metadata is null"));
  }

  public MemoryMessage(String role, String content) {
    this(role, content, Map.of());
  }

  public boolean isSystem() {
    return SYSTEM.equals(role);
  }
}
