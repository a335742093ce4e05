package dev.agentdispatch.server.doors.http;

import dev.agentdispatch.server.app.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before a request reaches a door: a request line, URI or header it
 * cannot take (a bad character or escape, an ambiguous path, 414, 431). They are written as the
 * door of their path writes its errors (the native JSON shape when the path cannot be read),
 * whatever the request's method and {@code Accept} header: never Jetty's HTML page, never an empty
 * body.
 */
final class JettyErrors extends ErrorHandler {
  private static final String JSON = "application/json";

  private final Function<String, ErrorShape> shapes;

  /**
   * @param shapes the error shape of the door a path belongs to
   */
  JettyErrors(Function<String, ErrorShape> shapes) {
    this.shapes = shapes;
  }

  @Override
  public boolean errorPageForMethod(String method) {
    return true; // Jetty writes no body for PUT, DELETE, ...: every refusal says what it is
  }

  /** JSON, whatever the client accepts. */
  @Override
  protected boolean generateAcceptableResponse(
      Request request,
      Response response,
      Callback callback,
      String contentType,
      List<Charset> charsets,
      int code,
      String message,
      Throwable cause)
      throws IOException {
    return super.generateAcceptableResponse(
        request, response, callback, JSON, charsets, code, message, cause);
  }

  @Override
  protected void writeErrorJson(
      Request request, PrintWriter writer, int code, String message, Throwable cause) {
    String path = Optional.ofNullable(request.getHttpURI()).map(HttpURI::getPath).orElse("");
    boolean overloaded = request.getAttribute(InFlightLimit.REFUSED) != null;
    ApiException e =
        overloaded
            ? new ApiException(
                code,
                "overloaded",
                "the server is working on as many requests as it takes; retry after the"
                    + " Retry-After delay",
                Optional.empty())
            : new ApiException(
                code, ErrorMapper.codeFor(code), why(code, message), Optional.empty());
    writer.write(Json.write(shapes.apply(path).body(e)));
  }

  private static String why(int code, String message) {
    return switch (code) {
      case 414 -> "the request's URI is longer than the server takes";
      case 431 -> "the request's headers are larger than the server takes";
      default ->
          "the server could not read the request ("
              + Optional.ofNullable(message).filter(m -> !m.isBlank()).orElse("refused")
              + "): a bad character or escape in its URI, an ambiguous path or a malformed header";
    };
  }
}
