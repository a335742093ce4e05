package dev.agentdispatch.core.llm;

import dev.agentdispatch.core.agent.Names;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A model provider the gateway may forward calls to, as configured by an operator. The API key is
 * never part of it: {@code apiKeyEnv} names the server's environment variable that holds the key
 * (empty: the provider is called without a key, e.g. a local model server).
 *
 * @param name unique per namespace, a valid name
 * @param format the wire format it speaks
 * @param baseUrl where its API lives, e.g. {@code https://host/v1} for OpenAI-style providers
 * @param apiKeyEnv the environment variable holding its key, if it needs one
 * @param models the models it serves; a call for a model no provider lists goes to the providers
 *     with an empty list (they serve any model)
 * @param defaultModel the model used when a call names none
 * @param priority lower is tried first when several providers serve a model (failover order)
 */
public record LlmProvider(
    String name,
    LlmFormat format,
    URI baseUrl,
    Optional<String> apiKeyEnv,
    List<String> models,
    Optional<String> defaultModel,
    int priority) {

  public LlmProvider {
    if (!Names.valid(name)) {
      throw new IllegalArgumentException("invalid provider name: " + name);
    }
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(baseUrl, "baseUrl");
    String scheme = baseUrl.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme) || baseUrl.getHost() == null) {
      throw new IllegalArgumentException("base_url must be an absolute http(s) URL: " + baseUrl);
    }
    apiKeyEnv = Objects.requireNonNull(apiKeyEnv, "apiKeyEnv").filter(s -> !s.isBlank());
    models = List.copyOf(models);
    defaultModel = Objects.requireNonNull(defaultModel, "defaultModel");
  }

  /** Whether this provider is a candidate for {@code model}: it lists it or lists none. */
  public boolean serves(String model) {
    return models.isEmpty() || models.contains(model);
  }
}
