package dev.agentdispatch.sdk.llm;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * How a handler reaches models through the server's LLM gateway: base URLs that OpenAI- and
 * Anthropic-compatible client libraries accept unchanged, the key to give them, and the headers
 * that attribute each call to the running invocation (so it shows in its trace and counts against
 * the agent's budget).
 *
 * <p>Point any client library at {@link #openAiBaseUrl()} or {@link #anthropicBaseUrl()}, pass
 * {@link #apiKey()} as its key and add {@link #headers()} to every request; or use {@link
 * LangChain4jModels} for a ready LangChain4j model.
 *
 * @param openAiBaseUrl the OpenAI-compatible base, ending in {@code /v1}
 * @param anthropicBaseUrl the Anthropic-compatible base (client libraries append {@code
 *     /v1/messages})
 * @param apiKey the Agent Dispatch API key the libraries send (the provider's own key stays on the
 *     server); a placeholder when the server runs without keys
 * @param headers the attribution headers ({@code X-Dispatch-Agent-Name}, {@code
 *     X-Dispatch-Trace-Id}, {@code X-Dispatch-Invocation-Id}, {@code X-Dispatch-Session-Id})
 */
public record LlmAccess(
    URI openAiBaseUrl, URI anthropicBaseUrl, String apiKey, Map<String, String> headers) {

  /** What client libraries are given as a key when the server needs none (they insist on one). */
  public static final String NO_KEY = "no-key";

  public LlmAccess {
    Objects.requireNonNull(openAiBaseUrl, "openAiBaseUrl");
    Objects.requireNonNull(anthropicBaseUrl, "anthropicBaseUrl");
    Objects.requireNonNull(apiKey, "apiKey");
    headers = Map.copyOf(headers);
  }

  /**
   * The access for a server and namespace.
   *
   * @param server the server's base URL, e.g. {@code http://127.0.0.1:7070}
   * @param namespace the namespace whose providers and budgets apply
   * @param apiKey the API key, or null-free {@link #NO_KEY}
   * @param headers attribution headers
   * @return the access
   */
  public static LlmAccess of(
      URI server, String namespace, String apiKey, Map<String, String> headers) {
    String base = server.toString().replaceAll("/+$", "") + "/v1/namespaces/" + namespace + "/llm";
    return new LlmAccess(
        URI.create(base + "/openai/v1"), URI.create(base + "/anthropic"), apiKey, headers);
  }
}
