package dev.agentdispatch.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A minimal server-sent-events reader for tests. */
final class SseClient {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** One event: {@code id} is empty for the final {@code end} event. */
  record Event(Optional<Long> id, String type, String data) {}

  private SseClient() {}

  /** Opens a stream; the caller reads lines from it. */
  static HttpResponse<Stream<String>> open(String url, Optional<Long> lastEventId) {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(url))
            .header("Accept", "text/event-stream")
            .timeout(Duration.ofSeconds(60));
    lastEventId.ifPresent(id -> req.header("Last-Event-ID", String.valueOf(id)));
    try {
      return HTTP.send(req.GET().build(), HttpResponse.BodyHandlers.ofLines());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Reads events until {@code max} were read or the stream ended; comments are skipped. */
  static List<Event> read(Iterator<String> lines, int max) {
    List<Event> out = new ArrayList<>();
    Optional<Long> id = Optional.empty();
    String type = "message";
    StringBuilder data = new StringBuilder();
    while (out.size() < max && lines.hasNext()) {
      String line = lines.next();
      if (line.isEmpty()) {
        if (data.length() > 0) {
          out.add(new Event(id, type, data.toString()));
        }
        id = Optional.empty();
        type = "message";
        data.setLength(0);
      } else if (line.startsWith("id: ")) {
        id = Optional.of(Long.parseLong(line.substring(4)));
      } else if (line.startsWith("event: ")) {
        type = line.substring(7);
      } else if (line.startsWith("data: ")) {
        data.append(line.substring(6));
      }
    }
    return out;
  }

  /** Reads a whole stream to its end. */
  static List<Event> readAll(String url, Optional<Long> lastEventId) {
    HttpResponse<Stream<String>> resp = open(url, lastEventId);
    try (Stream<String> lines = resp.body()) {
      return read(lines.iterator(), Integer.MAX_VALUE);
    }
  }
}
