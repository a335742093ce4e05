package dev.agentdispatch.server.tasks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A loopback stand-in for the issue endpoints of GitHub's REST API (root {@code /}) and Gitea's
 * ({@code /api/v1}), shaped after their public documentation: {@code POST
 * /repos/{owner}/{repo}/issues/{n}/labels {"labels": [...]}} answers the issue's labels, {@code
 * GET|POST …/comments} lists or creates comments ({@code {id, body}}, 201 on create), {@code GET
 * …/issues/{n}} answers {@code {number, state}}. It records every request and can be told to fail
 * the next comment creation after storing it (a lost answer) or to refuse one with 429.
 */
final class TrackerStandIn implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern PATH =
      Pattern.compile("(?:/api/v1)?/repos/([^/]+/[^/]+)/issues/(\\d+)(/labels|/comments)?");

  /** One recorded request. */
  record Request(String method, String path, String authorization, String body) {}

  final List<Request> requests = new CopyOnWriteArrayList<>();
  final Map<String, List<String>> labels = new ConcurrentHashMap<>();
  final Map<String, List<String>> comments = new ConcurrentHashMap<>();
  final Map<String, String> states = new ConcurrentHashMap<>();

  /**
   * Answers for the next comment creations: 502 stores then fails, 429 refuses, 0 stores and then
   * never answers (until closed), counting down {@link #held}.
   */
  final ConcurrentLinkedQueue<Integer> commentFaults = new ConcurrentLinkedQueue<>();

  private final HttpServer server;

  /** Counted down when a comment was stored and its answer is being held. */
  final java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);

  private final java.util.concurrent.CountDownLatch release =
      new java.util.concurrent.CountDownLatch(1);

  TrackerStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    // A held answer must not hold the other requests (a restarted server's among them).
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = ex.getRequestURI().getPath();
    requests.add(
        new Request(
            ex.getRequestMethod(),
            ex.getRequestURI().toString(),
            String.valueOf(ex.getRequestHeaders().getFirst("Authorization")),
            body));
    Matcher m = PATH.matcher(path);
    if (!m.matches()) {
      answer(ex, 404, "{\"message\":\"Not Found\"}");
      return;
    }
    String issue = m.group(1) + "#" + m.group(2);
    String what = m.group(3) == null ? "" : m.group(3);
    switch (ex.getRequestMethod() + " " + what) {
      case "POST /labels" -> {
        List<String> l = labels.computeIfAbsent(issue, k -> new CopyOnWriteArrayList<>());
        for (JsonNode n : JSON.readTree(body).path("labels")) {
          if (!l.contains(n.asString())) {
            l.add(n.asString());
          }
        }
        ArrayNode out = JSON.createArrayNode();
        l.forEach(name -> out.addObject().put("name", name));
        answer(ex, 200, out.toString());
      }
      case "GET /comments" -> {
        ArrayNode out = JSON.createArrayNode();
        List<String> c = comments.getOrDefault(issue, List.of());
        for (int i = 0; i < c.size(); i++) {
          out.addObject().put("id", i + 1).put("body", c.get(i));
        }
        answer(ex, 200, out.toString());
      }
      case "POST /comments" -> {
        Integer fault = commentFaults.poll();
        if (fault != null && fault == 429) {
          ex.getResponseHeaders().add("Retry-After", "1");
          answer(ex, 429, "{\"message\":\"rate limited\"}");
          return;
        }
        List<String> c = comments.computeIfAbsent(issue, k -> new CopyOnWriteArrayList<>());
        c.add(JSON.readTree(body).path("body").asString());
        if (fault != null && fault == 0) {
          held.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          ex.close();
          return;
        }
        if (fault != null) {
          answer(ex, fault, "{\"message\":\"bad gateway\"}");
          return;
        }
        ObjectNode out = JSON.createObjectNode().put("id", c.size()).put("body", c.getLast());
        answer(ex, 201, out.toString());
      }
      case "GET " -> {
        ObjectNode out =
            JSON.createObjectNode()
                .put("number", Long.parseLong(m.group(2)))
                .put("state", states.getOrDefault(issue, "open"));
        answer(ex, 200, out.toString());
      }
      default -> answer(ex, 405, "{\"message\":\"Method Not Allowed\"}");
    }
  }

  List<String> comments(String issue) {
    return new ArrayList<>(comments.getOrDefault(issue, List.of()));
  }

  private static void answer(HttpExchange ex, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
  }
}
