package dev.agentdispatch.server.app.llm.gateway;

import dev.agentdispatch.server.app.llm.CallAttribution;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One call a client sent to the gateway, as the door received it.
 *
 * @param endpoint which provider API it calls
 * @param body the request body, unparsed
 * @param headers the client's headers (the gateway forwards those that are not hop-by-hop, not
 *     credentials and not ours)
 * @param who whom the call is attributed to
 */
public record ProxyCall(
    Endpoint endpoint, byte[] body, Map<String, List<String>> headers, CallAttribution who) {

  public ProxyCall {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(who, "who");
  }

  /**
   * Headers given one value each (as provider SDKs pass their extra headers), as a call has them.
   */
  public static Map<String, List<String>> singleValued(Map<String, String> headers) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    headers.forEach((k, v) -> out.put(k, List.of(v)));
    return out;
  }
}
