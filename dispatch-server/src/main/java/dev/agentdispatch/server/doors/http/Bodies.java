package dev.agentdispatch.server.doors.http;

import dev.agentdispatch.server.app.Json;
import io.javalin.http.Context;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Reads request bodies, turning every parse problem into a 400 that names it. */
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
