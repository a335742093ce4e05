package dev.agentdispatch.server.security;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A bare HTTP/1.1 client over a socket, so the fuzzer can send what ordinary clients refuse to: any
 * request target (raw {@code ..}, bad percent escapes, unicode), any header and any bytes as the
 * body. One connection per request ({@code Connection: close}). An answer that opens an event
 * stream is taken at its head and the connection closed (streams never end by themselves).
 */
final class FuzzHttp {
  private FuzzHttp() {}

  /** One request as sent: everything needed to send it again by hand. */
  record Request(String method, String target, Map<String, String> headers, byte[] body) {
    /** The request's first lines and up to {@code max} characters of its body, for a report. */
    String describe(int max) {
      StringBuilder b = new StringBuilder(method).append(' ').append(abbreviate(target, 300));
      headers.forEach((k, v) -> b.append("\n  ").append(k).append(": ").append(abbreviate(v, 80)));
      if (body != null) {
        b.append("\n  body (")
            .append(body.length)
            .append(" bytes): ")
            .append(abbreviate(new String(body, StandardCharsets.UTF_8), max));
      }
      return b.toString();
    }
  }

  /**
   * An answer.
   *
   * @param status the status code, or -1 when the server answered nothing readable in time
   * @param headers lower-cased names
   * @param streamed true for an event stream, whose body was not read
   */
  record Answer(int status, Map<String, String> headers, byte[] body, boolean streamed) {
    String contentType() {
      return headers.getOrDefault("content-type", "");
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  static Answer send(int port, Request request, Duration timeout) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      OutputStream out = socket.getOutputStream();
      StringBuilder head =
          new StringBuilder(request.method())
              .append(' ')
              .append(request.target())
              .append(" HTTP/1.1\r\n");
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Host", "127.0.0.1:" + port);
      headers.put("Connection", "close");
      headers.putAll(request.headers());
      if (request.body() != null) {
        headers.put("Content-Length", Integer.toString(request.body().length));
      }
      headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      head.append("\r\n");
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (request.body() != null) {
        out.write(request.body());
      }
      out.flush();
      return read(new BufferedInputStream(socket.getInputStream()));
    } catch (SocketTimeoutException e) {
      return new Answer(-1, Map.of(), new byte[0], false);
    } catch (IOException e) {
      // The server may close the connection on a request it refuses outright (after answering);
      // a reset before any answer is reported as no answer.
      return new Answer(-1, Map.of("x-fuzz-io", String.valueOf(e)), new byte[0], false);
    }
  }

  private static Answer read(InputStream in) throws IOException {
    String statusLine = line(in);
    if (statusLine == null || !statusLine.startsWith("HTTP/1.")) {
      return new Answer(
          -1, Map.of("x-fuzz-status-line", String.valueOf(statusLine)), new byte[0], false);
    }
    int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
      int colon = h.indexOf(':');
      if (colon > 0) {
        headers.put(
            h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
      }
    }
    if (headers.getOrDefault("content-type", "").startsWith("text/event-stream")) {
      return new Answer(status, headers, new byte[0], true);
    }
    byte[] body;
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = chunked(in);
    } else {
      Optional<String> length = Optional.ofNullable(headers.get("content-length"));
      body = length.isPresent() ? in.readNBytes(Integer.parseInt(length.get())) : in.readAllBytes();
    }
    return new Answer(status, headers, body, false);
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      String size = line(in);
      if (size == null) {
        return out.toByteArray();
      }
      int n = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
      if (n == 0) {
        return out.toByteArray();
      }
      out.write(in.readNBytes(n));
      line(in); // the chunk's CRLF
    }
  }

  /** A line without its CRLF, or null at the end of the stream. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        byte[] bytes = b.toByteArray();
        int len =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
      }
      b.write(c);
    }
    return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
  }

  static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "…(" + s.length() + " chars)";
  }
}
