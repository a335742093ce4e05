package dev.agentdispatch.runtime.hooks;

import dev.agentdispatch.runtime.internal.Checks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The mutable state hooks see and may rewrite. The session overwrites role and phase, and fills
 * model, tool, prompt and args only when unset. A model call that wants to see a hook's rewrite of
 * the prompt reads {@link #prompt()} when it runs (the turn function receives this context).
 */
public final class HookContext {
  private String role;
  private String phase;
  private String model = "";
  private Object prompt; // null = unset
  private String tool = "";
  private final Map<String, Object> args = new LinkedHashMap<>();
  private final Map<String, Object> extra = new LinkedHashMap<>();

  public HookContext(String role, String phase) {
    this.role = Checks.nonBlank(role, "role");
    this.phase = Checks.nonBlank(phase, "phase");
  }

  public String role() {
    return role;
  }

  public void role(String v) {
    this.role = Checks.nonBlank(v, "role");
  }

  public String phase() {
    return phase;
  }

  public void phase(String v) {
    this.phase = Checks.nonBlank(v, "phase");
  }

  public String model() {
    return model;
  }

  public void model(String v) {
    this.model = Objects.requireNonNull(v, "model is null");
  }

  public Optional<Object> prompt() {
    return Optional.ofNullable(prompt);
  }

  public void prompt(Object v) {
    this.prompt = v;
  }

  public String tool() {
    return tool;
  }

  public void tool(String v) {
    this.tool = Objects.requireNonNull(v, "tool is null");
  }

  /** The tool arguments; hooks may mutate this map in place. */
  public Map<String, Object> args() {
    return args;
  }

  /** Free-form extra state (the handoff hooks find target_role, reason and context here). */
  public Map<String, Object> extra() {
    return extra;
  }
}
