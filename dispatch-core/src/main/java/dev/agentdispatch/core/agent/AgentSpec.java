package dev.agentdispatch.core.agent;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an agent declares when it registers: its functions and settings.
 *
 * @param metadataJson free-form metadata as JSON text
 * @param delivery how its work reaches it: pulled by workers, or pushed by the server
 */
public record AgentSpec(
    String namespace,
    String name,
    Optional<String> description,
    List<FunctionSpec> functions,
    Optional<String> version,
    Optional<String> metadataJson,
    Delivery delivery) {

  public AgentSpec {
    Objects.requireNonNull(delivery, "delivery is null");
    Names.require(namespace, "namespace");
    Names.require(name, "agent name");
    Objects.requireNonNull(description, "description is null");
    functions = List.copyOf(functions);
    Objects.requireNonNull(version, "version is null");
    Objects.requireNonNull(metadataJson, "metadataJson is null");
    Set<String> seen = new HashSet<>();
    for (FunctionSpec f : functions) {
      if (!seen.add(f.name())) {
        throw new IllegalArgumentException("function '" + f.name() + "' is declared twice");
      }
    }
  }

  /** An agent whose workers pull their work. */
  public AgentSpec(
      String namespace,
      String name,
      Optional<String> description,
      List<FunctionSpec> functions,
      Optional<String> version,
      Optional<String> metadataJson) {
    this(namespace, name, description, functions, version, metadataJson, Delivery.PULL);
  }

  public Optional<FunctionSpec> function(String functionName) {
    return functions.stream().filter(f -> f.name().equals(functionName)).findFirst();
  }
}
