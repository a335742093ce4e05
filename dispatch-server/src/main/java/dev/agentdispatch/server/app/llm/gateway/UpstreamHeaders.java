package dev.agentdispatch.server.app.llm.gateway;

import dev.agentdispatch.core.llm.LlmFormat;
import dev.agentdispatch.core.llm.LlmProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The headers of a forwarded call: the client's own (its {@code OpenAI-Beta}, {@code
 * anthropic-beta} and the like), less those that belong to the hop or to us, plus the provider's
 * key from the server's environment and the call's trace.
 */
final class UpstreamHeaders {
  /** Anthropic's API version when the client names none. */
  static final String DEFAULT_ANTHROPIC_VERSION = "2023-06-01";

  /**
   * Hop-by-hop headers, those the HTTP client sets itself, and the client's credentials (our key,
   * never the provider's).
   */
  private static final Set<String> DROPPED =
      Set.of(
          "host",
          "content-length",
          "transfer-encoding",
          "connection",
          "keep-alive",
          "upgrade",
          "expect",
          "te",
          "trailer",
          "proxy-authorization",
          "accept-encoding",
          "authorization",
          "x-api-key",
          "cookie",
          "traceparent",
          "http2-settings");

  private UpstreamHeaders() {}

  /**
   * The headers for {@code provider}, as name-value pairs.
   *
   * @param inbound the client's headers (any case)
   * @param traceparent the trace to carry, if any
   * @param key the provider's key, read from its environment variable
   */
  static List<String> of(
      Map<String, List<String>> inbound,
      LlmProvider provider,
      Optional<String> traceparent,
      Optional<String> key) {
    List<String> out = new ArrayList<>();
    boolean version = false;
    for (Map.Entry<String, List<String>> h : inbound.entrySet()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (DROPPED.contains(name) || name.startsWith("x-dispatch-") || name.startsWith(":")) {
        continue;
      }
      version |= name.equals("anthropic-version");
      for (String v : h.getValue()) {
        out.add(h.getKey());
        out.add(v);
      }
    }
    if (provider.format() == LlmFormat.ANTHROPIC) {
      key.ifPresent(k -> add(out, "x-api-key", k));
      if (!version) {
        add(out, "anthropic-version", DEFAULT_ANTHROPIC_VERSION);
      }
    } else {
      key.ifPresent(k -> add(out, "Authorization", "Bearer " + k));
    }
    traceparent.ifPresent(t -> add(out, "traceparent", t));
    return out;
  }

  private static void add(List<String> out, String name, String value) {
    out.add(name);
    out.add(value);
  }
}
