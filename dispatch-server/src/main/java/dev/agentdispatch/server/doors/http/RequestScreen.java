package dev.agentdispatch.server.doors.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks every request before any door reads it: bodies larger than the server takes are refused by
 * their declared length, before a byte is read; bodies a browser may send cross-site without asking
 * (form and plain-text content types) are refused, so a web page cannot drive the API (CSRF); and a
 * dev server (loopback, no keys) answers only requests addressed to a loopback name from no other
 * origin, so DNS rebinding and cross-site pages cannot reach it. No CORS headers are ever sent:
 * cross-origin browser reads are refused by the browser.
 */
final class RequestScreen implements Handler {
  /** Content types a cross-site form or {@code fetch} may send without a CORS preflight. */
  private static final Set<String> SIMPLE_TYPES =
      Set.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data");

  private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

  private final long maxRequestBytes;
  private final boolean devServer;

  /**
   * @param maxRequestBytes the largest body the server takes
   * @param devServer true on a loopback server without keys, which must refuse foreign hosts and
   *     origins
   */
  RequestScreen(long maxRequestBytes, boolean devServer) {
    this.maxRequestBytes = maxRequestBytes;
    this.devServer = devServer;
  }

  @Override
  public void handle(Context ctx) {
    long length = ctx.req().getContentLengthLong();
    if (length > maxRequestBytes) {
      throw ApiException.tooLarge(
          "request body of " + length + " bytes is larger than the " + maxRequestBytes + " taken");
    }
    String type = Optional.ofNullable(ctx.contentType()).orElse("");
    String base = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (SIMPLE_TYPES.contains(base)) {
      throw new ApiException(
          415,
          "unsupported_media_type",
          "Content-Type '" + base + "' is not accepted: send JSON as application/json",
          Optional.empty());
    }
    if (devServer) {
      checkLoopback(ctx);
    }
  }

  private static void checkLoopback(Context ctx) {
    String host = hostName(Optional.ofNullable(ctx.header("Host")).orElse(""));
    if (!LOOPBACK_NAMES.contains(host)) {
      throw ApiException.forbidden(
          "Host '"
              + host
              + "' is refused: a dev server without keys answers only loopback names"
              + " (start it with keys to serve other hosts)");
    }
    String origin = ctx.header("Origin");
    if (origin != null && !loopbackOrigin(origin)) { // "null" (sandboxed pages) is foreign too
      throw ApiException.forbidden("cross-origin requests from '" + origin + "' are refused");
    }
  }

  private static boolean loopbackOrigin(String origin) {
    try {
      String host = URI.create(origin).getHost();
      return host != null && LOOPBACK_NAMES.contains(host.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The name of a {@code Host} header without its port; IPv6 literals keep their brackets. */
  private static String hostName(String header) {
    String h = header.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(0, end + 1);
    }
    int colon = h.indexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }
}
