package dev.agentdispatch.server.doors.http;

import dev.agentdispatch.server.app.Json;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Reads request bodies, turning every parse problem into a 400 that names it, and writes answers
 * that must know whether they were delivered.
 */
public final class Bodies {
  private Bodies() {}

  public static <T> T read(Context ctx, Class<T> type) {
    byte[] body = ctx.bodyAsBytes();
    if (body.length == 0) {
      throw ApiException.badRequest("request body is empty: a JSON object is required");
    }
    try {
      T value = Json.MAPPER.readValue(body, type);
      if (value == null) {
        throw ApiException.badRequest("request body is null: a JSON object is required");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      throw ApiException.badRequest("unknown field '" + e.getPropertyName() + "'" + at(e));
    } catch (StreamReadException e) {
      throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage());
    } catch (InvalidNullException e) {
      throw ApiException.badRequest("null is not allowed" + at(e));
    } catch (MismatchedInputException e) {
      throw ApiException.badRequest("wrong type" + at(e) + ": " + e.getOriginalMessage());
    } catch (JacksonException e) {
      throw ApiException.badRequest("invalid request body" + at(e) + ": " + rootMessage(e));
    }
  }

  /**
   * Writes {@code value} as the JSON answer now (not after the handler, as {@code ctx.json} does)
   * and says whether it went out: false when the connection failed, e.g. the caller hung up. For an
   * answer that must be undone when it is not delivered (a lease). A write can still succeed into a
   * socket whose caller left a moment ago; what is written then is recovered as any lost answer is
   * (a lease expires).
   */
  public static boolean sendNow(Context ctx, Object value) {
    byte[] body = Json.MAPPER.writeValueAsBytes(value);
    ctx.contentType(ContentType.APPLICATION_JSON);
    ctx.res().setContentLength(body.length);
    try {
      OutputStream out = ctx.res().getOutputStream();
      out.write(body);
      out.flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String at(JacksonException e) {
    String path =
        e.getPath().stream()
            .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
            .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
            .orElse("");
    return path.isEmpty() ? "" : " at '" + path + "'";
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
