package dev.agentdispatch.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.server.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A seeded fuzzer over every operation of the server's own {@code openapi.json}: schema-aware
 * bodies with one hostile change, random bodies, random path and query values. Each answer must be
 * below 500, every refusal must be the JSON error shape, and a refused request must leave the
 * database as it found it (a digest of every row of every table, before and after).
 *
 * <p>Reproduce or lengthen a run with {@code -Dfuzz.seed=N -Dfuzz.requests=N}; a failure prints the
 * seed and each offending request whole.
 */
class FuzzTest {
  private static final long SEED = Long.getLong("fuzz.seed", 20261203L);
  private static final int REQUESTS = Integer.getInteger("fuzz.requests", 2_000);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Tables that background loops or readers touch on their own, whatever the requests do. */
  private static final Set<String> MOVING = Set.of("flyway_schema_history", "leader");

  @TempDir static Path dir;
  static TestServer server;
  static JsonNode api;
  static final Map<String, List<String>> ids = new LinkedHashMap<>();

  @BeforeAll
  static void start() {
    // Time stands still for the server, so no deadline, lease or schedule changes the database
    // on its own while a refused request is being checked.
    server = TestServer.start(dir, Clock.fixed(Instant.now(), ZoneOffset.UTC));
    api = server.get("/v1/openapi.json").body();
    String ns = "/v1/namespaces/default";
    created(
        server.put(
            ns + "/agents/fz",
            "{\"functions\":[{\"name\":\"f\",\"input_schema\":{\"type\":\"object\"}},"
                + "{\"name\":\"chat\"},{\"name\":\"on_t\",\"triggers\":[{\"type\":\"topic\","
                + "\"topic\":\"fz.topic\"}]}]}"),
        "name");
    String invocation =
        created(
            server.post(
                ns + "/invocations", "{\"agent\":\"fz\",\"function\":\"f\",\"payload\":{}}"),
            "invocation_id");
    String session =
        created(
            server.post(ns + "/sessions", "{\"agent\":\"fz\",\"function\":\"chat\"}"),
            "session_id");
    String schedule =
        created(
            server.post(
                ns + "/schedules",
                "{\"agent\":\"fz\",\"function\":\"f\",\"cron\":\"0 0 1 1 *\",\"payload\":{}}"),
            "id");
    ids.put("ns", List.of("default", "default", "default", "other-ns", "a b", "%2e%2e", "ÿ"));
    ids.put("agent", List.of("fz", "fz", "nope", "-", "a".repeat(300), "%00"));
    ids.put("function", List.of("f", "chat", "nope", "%2F"));
    ids.put("id", List.of(invocation, schedule, "inv_nope", "0", "'", "%F0%9F%92%A5"));
    ids.put("sid", List.of(session, session, "ses_nope", "\u00e9"));
    ids.put("trace_id", List.of("nope", "0".repeat(32), "x".repeat(33)));
    ids.put("other", List.of("fz", "x", "gpt-4o", "a.b", "%7B%7D", "k".repeat(600)));
  }

  private static String created(TestServer.Response r, String field) {
    assertThat(r.status()).as(r.body().toString()).isBetween(200, 202);
    assertThat(r.text(field)).as(r.body().toString()).isNotEmpty();
    return r.text(field);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void noOperationAnswers5xxOrChangesStateWhenItRefuses() throws Exception {
    Random random = new Random(SEED);
    List<Operation> operations = operations();
    assertThat(operations).hasSizeGreaterThan(60);
    List<String> findings = new ArrayList<>();
    Map<Integer, Integer> statuses = new java.util.TreeMap<>();
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("dispatch.db"))) {
      for (int i = 0; i < REQUESTS && findings.size() < 20; i++) {
        Operation op = operations.get(random.nextInt(operations.size()));
        FuzzHttp.Request request = request(op, random);
        String before = digest(db);
        FuzzHttp.Answer answer = FuzzHttp.send(port(), request, Duration.ofSeconds(10));
        statuses.merge(answer.status(), 1, Integer::sum);
        String problem = problem(request.target(), answer, !digest(db).equals(before));
        if (problem != null) {
          findings.add(problem + "\n" + request.describe(600) + "\n  → " + abbreviate(answer));
        }
      }
    }
    System.out.println("fuzz: seed " + SEED + ", answers by status " + statuses);
    assertThat(statuses.keySet()).as("some requests were accepted").anyMatch(s -> s < 300);
    assertThat(findings).as("fuzz findings (seed " + SEED + ")").isEmpty();
  }

  /**
   * What is wrong with an answer, or null. The model proxy routes answer in their provider's error
   * shape (an {@code error} with a {@code type}), which that provider's client libraries read.
   */
  private static String problem(String target, FuzzHttp.Answer answer, boolean changed) {
    int status = answer.status();
    if (status < 0) {
      return "no answer within 10 s";
    }
    if (status >= 500) {
      return "answered " + status;
    }
    if (status >= 400) {
      JsonNode error = parse(answer.body()).path("error");
      if (!answer.contentType().startsWith("application/json")
          || (error.path("code").asString("").isEmpty()
              && !(proxied(target) && !error.path("type").asString("").isEmpty()))
          || error.path("message").asString("").isEmpty()) {
        return "a refusal not in the error shape";
      }
      if (changed) {
        return "a refusal (" + status + ") that changed the database";
      }
    }
    return null;
  }

  private static boolean proxied(String target) {
    return target.contains("/llm/openai/") || target.contains("/llm/anthropic/");
  }

  /** One operation of the document: method, path template, body schema and query parameters. */
  private record Operation(String method, String path, JsonNode body, List<JsonNode> query) {}

  private static List<Operation> operations() {
    List<Operation> all = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : api.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        if (!Set.of("get", "post", "put", "patch", "delete").contains(op.getKey())) {
          continue;
        }
        List<JsonNode> query = new ArrayList<>();
        op.getValue()
            .path("parameters")
            .forEach(p -> {
              if (p.path("in").asString().equals("query")) {
                query.add(p);
              }
            });
        JsonNode body =
            op.getValue()
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("schema");
        all.add(new Operation(op.getKey().toUpperCase(), path.getKey(), body, query));
      }
    }
    return all;
  }

  private static FuzzHttp.Request request(Operation op, Random random) {
    StringBuilder target = new StringBuilder();
    for (String part : op.path().split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      target.append('/');
      if (part.startsWith("{")) {
        String name = part.substring(1, part.length() - 1);
        target.append(pick(random, ids.getOrDefault(name, ids.get("other"))));
      } else {
        target.append(part);
      }
    }
    String separator = "?";
    for (JsonNode parameter : op.query()) {
      if (random.nextInt(3) == 0) {
        String name = parameter.path("name").asString();
        String value =
            name.contains("wait")
                ? pick(random, List.of("0", "-1", "x", "1e400"))
                : scalar(parameter.path("schema"), random);
        target.append(separator).append(name).append('=').append(encode(value));
        separator = "&";
      }
    }
    Map<String, String> headers = new LinkedHashMap<>();
    byte[] body = null;
    if (!op.method().equals("GET") && !op.method().equals("DELETE")) {
      headers.put("Content-Type", "application/json");
      body = body(op.body(), random).getBytes(StandardCharsets.UTF_8);
    }
    return new FuzzHttp.Request(op.method(), target.toString(), headers, body);
  }

  /** A body: mostly a schema-valid value with one hostile change, sometimes random text. */
  private static String body(JsonNode schema, Random random) {
    int roll = random.nextInt(10);
    if (roll == 0) {
      return pick(random, List.of("", "{", "[]", "null", "\"x\"", "{\"a\":", "\u0000", "1e400"));
    }
    JsonNode value = value(schema.isMissingNode() ? NODES.objectNode() : schema, random, 0);
    if (roll >= 3) {
      value = mutate(value, random);
    }
    return value.toString();
  }

  private static JsonNode value(JsonNode schema, Random random, int depth) {
    JsonNode s = resolve(schema);
    if (s.has("enum") && s.path("enum").size() > 0) {
      return s.path("enum").get(random.nextInt(s.path("enum").size()));
    }
    if (s.has("oneOf") || s.has("anyOf")) {
      JsonNode options = s.has("oneOf") ? s.path("oneOf") : s.path("anyOf");
      return value(options.get(random.nextInt(options.size())), random, depth);
    }
    String type =
        s.path("type").isArray() ? s.path("type").get(0).asString() : s.path("type").asString("");
    return switch (type) {
      case "object" -> object(s, random, depth);
      case "array" -> {
        ArrayNode array = NODES.arrayNode();
        int n = depth > 3 ? 0 : random.nextInt(3);
        for (int i = 0; i < n; i++) {
          array.add(value(s.path("items"), random, depth + 1));
        }
        yield array;
      }
      case "integer" -> NODES.numberNode(pick(random, List.of(0L, 1L, 5L, 60L, 1000L, -1L)));
      case "number" -> NODES.numberNode(pick(random, List.of(0.0, 0.5, 1.0, 10.0)));
      case "boolean" -> NODES.booleanNode(random.nextBoolean());
      case "string" -> NODES.stringNode(scalar(s, random));
      default -> depth > 2 ? NODES.stringNode("x") : object(s, random, depth);
    };
  }

  private static ObjectNode object(JsonNode s, Random random, int depth) {
    ObjectNode object = NODES.objectNode();
    Set<String> required = new java.util.HashSet<>();
    s.path("required").forEach(r -> required.add(r.asString()));
    for (Map.Entry<String, JsonNode> property : s.path("properties").properties()) {
      if (property.getKey().contains("wait")) {
        // A long-poll's wait is not the subject, and under the stopped clock it would never end.
        object.put(property.getKey(), 0);
      } else if (required.contains(property.getKey()) || (depth < 3 && random.nextInt(3) == 0)) {
        object.set(property.getKey(), value(property.getValue(), random, depth + 1));
      }
    }
    return object;
  }

  private static String scalar(JsonNode schema, Random random) {
    JsonNode s = resolve(schema);
    if (s.has("enum") && s.path("enum").size() > 0) {
      return s.path("enum").get(random.nextInt(s.path("enum").size())).asString();
    }
    return switch (s.path("type").asString("")) {
      case "integer" -> pick(random, List.of("0", "1", "-1", "99999999999999999999", "7.9", "x"));
      case "boolean" -> pick(random, List.of("true", "false", "yes"));
      default ->
          pick(
              random,
              List.of(
                  "fz",
                  "f",
                  "fz.topic",
                  "",
                  "x".repeat(300),
                  "\u00e9\uD83D\uDCA5",
                  "../x",
                  "2026-01-01T00:00:00Z",
                  "*",
                  "a\nb"));
    };
  }

  /** The value with one hostile change somewhere in it. */
  private static JsonNode mutate(JsonNode value, Random random) {
    if (value instanceof ObjectNode object && object.size() > 0 && random.nextInt(4) > 0) {
      List<String> names = new ArrayList<>();
      object.propertyNames().forEach(names::add);
      String name = pick(random, names);
      switch (random.nextInt(4)) {
        case 0 -> object.remove(name);
        case 1 -> object.set(name, mutate(object.get(name), random));
        default -> object.set(name, hostile(random));
      }
      return object;
    }
    if (value instanceof ArrayNode array && array.size() > 0 && random.nextBoolean()) {
      array.set(random.nextInt(array.size()), hostile(random));
      return array;
    }
    if (value instanceof ObjectNode object && random.nextBoolean()) {
      object.set("unknown_field_" + random.nextInt(9), hostile(random));
      return object;
    }
    return hostile(random);
  }

  private static JsonNode hostile(Random random) {
    return switch (random.nextInt(16)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.stringNode("");
      case 2 -> NODES.numberNode(-1);
      case 3 -> NODES.numberNode(Long.MAX_VALUE);
      case 4 -> NODES.numberNode(new java.math.BigInteger("18446744073709551616"));
      case 5 -> NODES.numberNode(7.9);
      case 6 -> NODES.numberNode(1e300);
      case 7 -> NODES.stringNode("x".repeat(70_000));
      case 8 -> NODES.arrayNode().add(NODES.nullNode());
      case 9 -> NODES.objectNode();
      case 10 -> NODES.arrayNode();
      case 11 -> NODES.booleanNode(true);
      case 12 -> nested(200);
      case 13 -> NODES.stringNode("\u0000<script>\"'");
      case 14 -> NODES.numberNode(Integer.MIN_VALUE);
      default -> NODES.stringNode("1,\"injected\":true,\"x\":{");
    };
  }

  private static JsonNode nested(int depth) {
    JsonNode node = NODES.objectNode();
    for (int i = 0; i < depth; i++) {
      node = NODES.objectNode().set("a", node);
    }
    return node;
  }

  private static JsonNode resolve(JsonNode schema) {
    String ref = schema.path("$ref").asString("");
    if (ref.startsWith("#/components/schemas/")) {
      return api.path("components").path("schemas").path(ref.substring(21));
    }
    return schema;
  }

  /** Every row of every table that only requests change, hashed in a stable order. */
  private static String digest(Connection db) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")) {
      while (rs.next()) {
        if (!MOVING.contains(rs.getString(1)) && !rs.getString(1).startsWith("sqlite_")) {
          tables.add(rs.getString(1));
        }
      }
    }
    StringBuilder digest = new StringBuilder();
    for (String table : tables) {
      long hash = 0;
      long rows = 0;
      try (Statement st = db.createStatement();
          ResultSet rs = st.executeQuery("SELECT * FROM \"" + table + "\"")) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          long row = 1;
          for (int c = 1; c <= columns; c++) {
            row = row * 31 + java.util.Objects.hashCode(rs.getString(c));
          }
          hash += row; // order-free: a table scan's order is not promised
          rows++;
        }
      }
      digest.append(table).append(':').append(rows).append(':').append(hash).append(' ');
    }
    return digest.toString();
  }

  private static int port() {
    return java.net.URI.create(server.url()).getPort();
  }

  private static JsonNode parse(byte[] body) {
    try {
      return TestServer.JSON.readTree(body);
    } catch (RuntimeException e) {
      return NODES.missingNode();
    }
  }

  private static String abbreviate(FuzzHttp.Answer answer) {
    String text = answer.text();
    return answer.status()
        + " ["
        + answer.contentType()
        + "] "
        + (text.length() > 400 ? text.substring(0, 400) + "…" : text);
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static <T> T pick(Random random, List<T> options) {
    return options.get(random.nextInt(options.size()));
  }
}
