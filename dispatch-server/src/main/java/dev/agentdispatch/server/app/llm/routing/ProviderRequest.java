package dev.agentdispatch.server.app.llm.routing;

import dev.agentdispatch.core.llm.LlmFormat;
import dev.agentdispatch.core.llm.LlmProvider;
import dev.agentdispatch.server.app.ServiceException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A provider as an operator defines it (through the API or the configuration file), checked field
 * by field as it is made: every refusal names its field.
 */
public record ProviderRequest(
    LlmFormat format,
    URI baseUrl,
    Optional<String> apiKeyEnv,
    List<String> models,
    Optional<String> defaultModel,
    int priority) {

  /** The most models one provider may list. */
  public static final int MAX_MODELS = 1000;

  private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]{0,127}");

  public ProviderRequest {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiKeyEnv, "apiKeyEnv");
    models = List.copyOf(models);
    Objects.requireNonNull(defaultModel, "defaultModel");
  }

  /**
   * Checks raw fields; nulls are absent fields.
   *
   * @param apiKeySent whether the caller sent a key itself, which is always refused: keys live only
   *     in the server's environment
   */
  public static ProviderRequest of(
      String format,
      String baseUrl,
      String apiKeyEnv,
      List<String> models,
      String defaultModel,
      Integer priority,
      boolean apiKeySent) {
    if (apiKeySent) {
      throw new ServiceException.Invalid(
          "'api_key' is not accepted: provider keys stay in the server's environment; set"
              + " 'api_key_env' to the name of the server's environment variable that holds it");
    }
    List<String> checkedModels = models(models);
    Optional<String> dflt =
        Optional.ofNullable(defaultModel).map(m -> LlmChecks.model(m, "default_model"));
    if (dflt.isPresent() && !checkedModels.isEmpty() && !checkedModels.contains(dflt.get())) {
      throw new ServiceException.Invalid(
          "'default_model' '" + dflt.get() + "' is not one of the provider's 'models'");
    }
    int prio = priority == null ? 0 : priority;
    if (prio < 0) {
      throw new ServiceException.Invalid("'priority' must be 0 or more, got " + prio);
    }
    return new ProviderRequest(
        LlmChecks.format(format, "format"),
        baseUrl(baseUrl),
        apiKeyEnv(apiKeyEnv),
        checkedModels,
        dflt,
        prio);
  }

  /** The provider this request defines under {@code name}. */
  public LlmProvider provider(String name) {
    return new LlmProvider(name, format, baseUrl, apiKeyEnv, models, defaultModel, priority);
  }

  private static URI baseUrl(String value) {
    if (value == null || value.isBlank()) {
      throw new ServiceException.Invalid("'base_url' is required");
    }
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      throw new ServiceException.Invalid("'base_url' is not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
      throw new ServiceException.Invalid(
          "'base_url' must be an absolute http(s) URL with a host, got '" + value + "'");
    }
    // Credentials in the URL would be shown by GET and logged with requests: keys go in the
    // environment only.
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new ServiceException.Invalid(
          "'base_url' must not carry user info, a query or a fragment (keys belong in"
              + " 'api_key_env'), got '"
              + value
              + "'");
    }
    String text = uri.toString();
    // The gateway appends API paths to it: a trailing slash would double theirs.
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return URI.create(text);
  }

  private static Optional<String> apiKeyEnv(String value) {
    if (value == null) {
      return Optional.empty();
    }
    if (!ENV_NAME.matcher(value).matches()) {
      throw new ServiceException.Invalid(
          "'api_key_env' must be an environment variable name ([A-Z_][A-Z0-9_]*, at most 128"
              + " characters), got '"
              + value
              + "'");
    }
    return Optional.of(value);
  }

  private static List<String> models(List<String> models) {
    if (models == null) {
      return List.of();
    }
    if (models.size() > MAX_MODELS) {
      throw new ServiceException.Invalid(
          "'models' lists " + models.size() + " models; the limit is " + MAX_MODELS);
    }
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < models.size(); i++) {
      String m = LlmChecks.model(models.get(i), "models[" + i + "]");
      if (!seen.add(m)) {
        throw new ServiceException.Invalid("'models[" + i + "]' repeats '" + m + "'");
      }
      out.add(m);
    }
    return out;
  }
}
