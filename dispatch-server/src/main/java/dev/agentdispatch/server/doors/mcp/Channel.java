package dev.agentdispatch.server.doors.mcp;

import dev.agentdispatch.server.doors.http.EventStreams;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;

/**
 * Where the messages of one POSTed request go: a plain JSON response holding the one response, or
 * an SSE stream (when the client accepts one) that carries notifications and requests to the client
 * before the response, which ends it.
 */
final class Channel {
  private final Context ctx;
  private final boolean streaming;
  private final BooleanSupplier keyValid;
  private OutputStream out;
  private long lastCheck = System.nanoTime();

  private Channel(Context ctx, boolean streaming, BooleanSupplier keyValid) {
    this.ctx = ctx;
    this.streaming = streaming;
    this.keyValid = keyValid;
  }

  /**
   * A channel that streams when the client's {@code Accept} allows {@code text/event-stream}.
   *
   * @param keyValid whether the request's key is still valid (not revoked since the request came)
   */
  static Channel of(Context ctx, boolean mayStream, BooleanSupplier keyValid) {
    String accept = ctx.header("Accept");
    return new Channel(
        ctx, mayStream && accept != null && accept.contains("text/event-stream"), keyValid);
  }

  /**
   * Ends a long exchange whose key was revoked meanwhile, as /v1's event streams do: throws an
   * {@link RpcError} (sent as the response) once the key is no longer valid. Asks the key store at
   * most every {@link EventStreams#RECHECK}; the work the request started goes on.
   */
  void checkKey() {
    if (System.nanoTime() - lastCheck < EventStreams.RECHECK.toNanos()) {
      return;
    }
    lastCheck = System.nanoTime();
    if (!keyValid.getAsBoolean()) {
      throw new RpcError(
          RpcError.UNAUTHENTICATED,
          "the API key is unknown or revoked: this call stops waiting (its work goes on)",
          Optional.of(Map.of("status", 401, "code", "unauthorized")));
    }
  }

  /** True when messages other than the response can reach the client (SSE). */
  boolean streaming() {
    return streaming;
  }

  /**
   * Sends a notification or a request to the client before the response; only when {@link
   * #streaming()}. Throws {@link UncheckedIOException} when the client has gone.
   */
  void send(JsonNode message) {
    if (!streaming) {
      throw new IllegalStateException("a JSON response carries one message");
    }
    write("event: message\ndata: " + message + "\n\n");
  }

  /**
   * A comment that keeps proxies from closing a quiet stream and shows whether the client is there.
   */
  void keepAlive() {
    if (streaming) {
      write(": keep-alive\n\n");
    }
  }

  /** Sends the response, which ends the exchange. */
  void respond(JsonNode response) {
    if (streaming) {
      send(response);
    } else {
      ctx.status(200).contentType("application/json").result(response.toString());
    }
  }

  /** Ends a stream without a response (the request was cancelled: MCP wants none). */
  void end() {
    if (!streaming) {
      ctx.status(202);
    }
  }

  private void write(String text) {
    try {
      if (out == null) {
        ctx.res().setStatus(200);
        ctx.res().setContentType("text/event-stream;charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        out = ctx.res().getOutputStream();
      }
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
