package dev.agentdispatch.sdk.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/** Encodes path segments and query strings. */
final class UrlParts {
  private UrlParts() {}

  /** Encodes one path segment; unlike form encoding, a space becomes %20, not '+'. */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Builds {@code ?a=1&b=2}, or an empty string for no parameters. */
  static String query(Map<String, String> params) {
    if (params.isEmpty()) {
      return "";
    }
    StringJoiner joiner = new StringJoiner("&", "?", "");
    params.forEach((k, v) -> joiner.add(segment(k) + "=" + segment(v)));
    return joiner.toString();
  }
}
