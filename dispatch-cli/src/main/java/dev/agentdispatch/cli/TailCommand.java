package dev.agentdispatch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code dispatch tail INVOCATION_ID | --session SID}: follows an event log live over SSE. A
 * dropped connection is resumed with {@code Last-Event-ID}, so nothing is missed or printed twice;
 * the command ends when the server sends the log's {@code end} event.
 */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description =
        "Follow the event log of an invocation (or of a session) live; resumes after a dropped connection.")
final class TailCommand implements Callable<Integer> {
  private static final Duration RECONNECT = Duration.ofSeconds(1);

  @Mixin ClientOptions client;

  @Parameters(index = "0", arity = "0..1", paramLabel = "INVOCATION_ID")
  String invocationId;

  @Option(names = "--session", paramLabel = "SID", description = "Follow a session's log instead.")
  String sessionId;

  @Option(
      names = "--after",
      paramLabel = "SEQ",
      description = "Start after this seq (default: the beginning).")
  long after;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @Override
  public Integer call() throws InterruptedException {
    if ((invocationId == null) == (sessionId == null)) {
      throw new CliException("give either an INVOCATION_ID or --session SID");
    }
    String path =
        invocationId != null
            ? "/invocations/" + invocationId + "/events"
            : "/sessions/" + sessionId + "/events";
    URI uri =
        URI.create(
            client.server.replaceAll("/$", "") + "/v1/namespaces/" + client.namespace + path);
    long cursor = after;
    while (true) {
      try {
        Outcome outcome = follow(uri, cursor);
        if (outcome.ended()) {
          return 0;
        }
        cursor = outcome.cursor();
      } catch (IOException | UncheckedIOException e) {
        System.err.println(
            "connection lost (" + e.getMessage() + "); resuming after seq " + cursor);
        cursor = lastSeen;
      }
      Thread.sleep(RECONNECT.toMillis());
    }
  }

  private record Outcome(boolean ended, long cursor) {}

  private long lastSeen;

  private Outcome follow(URI uri, long cursor) throws IOException, InterruptedException {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(uri)
            .header("Accept", "text/event-stream")
            .header("Last-Event-ID", String.valueOf(cursor))
            .GET();
    String key = client.apiKey;
    if (key != null && !key.isBlank()) {
      req.header("Authorization", "Bearer " + key);
    }
    HttpResponse<Stream<String>> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofLines());
    lastSeen = cursor;
    try (Stream<String> lines = resp.body()) {
      if (resp.statusCode() >= 400) {
        String body = String.join("\n", lines.toList());
        throw new CliException("server refused (" + resp.statusCode() + "): " + message(body));
      }
      return read(lines.iterator());
    }
  }

  private Outcome read(Iterator<String> lines) {
    long id = -1;
    String type = "message";
    StringBuilder data = new StringBuilder();
    while (lines.hasNext()) {
      String line = lines.next();
      if (line.startsWith("id: ")) {
        id = Long.parseLong(line.substring(4).trim());
      } else if (line.startsWith("event: ")) {
        type = line.substring(7);
      } else if (line.startsWith("data: ")) {
        data.append(line.substring(6));
      } else if (line.isEmpty() && data.length() > 0) {
        if (type.equals("end")) {
          return new Outcome(true, lastSeen);
        }
        print(type, data.toString());
        if (id >= 0) {
          lastSeen = id;
        }
        id = -1;
        type = "message";
        data.setLength(0);
      }
    }
    return new Outcome(false, lastSeen); // the connection closed without an end: resume
  }

  private void print(String type, String data) {
    if (client.json) {
      System.out.println(data);
      return;
    }
    JsonNode e = ApiClient.JSON.readTree(data);
    String run = e.hasNonNull("run_id") ? " run=" + e.path("run_id").asString() : "";
    System.out.printf("%5d  %-16s %s%s%n", e.path("seq").asLong(), type, e.path("data"), run);
  }

  private static String message(String body) {
    try {
      return ApiClient.JSON.readTree(body).path("error").path("message").asString(body);
    } catch (RuntimeException e) {
      return body;
    }
  }
}
