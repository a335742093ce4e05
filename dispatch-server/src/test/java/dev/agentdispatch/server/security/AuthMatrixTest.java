package dev.agentdispatch.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.core.auth.KeySecrets;
import dev.agentdispatch.core.auth.Role;
import dev.agentdispatch.server.ServerConfig;
import dev.agentdispatch.server.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route of the native API, the dispatch-agents door, the MCP door and the LangGraph door
 * (read from the server's route table, so a new route is covered the day it is added) against every
 * kind of caller: no key, an unknown key, a revoked key, a key of another namespace, and each role.
 * Who may call what is declared once, in {@link #WHO_MAY}; a route it does not name fails the test.
 */
class AuthMatrixTest {
  private static final EnumSet<Role> ANY = EnumSet.allOf(Role.class);
  private static final EnumSet<Role> INVOKERS = EnumSet.of(Role.CLIENT, Role.WORKER, Role.ADMIN);
  private static final EnumSet<Role> WORKERS = EnumSet.of(Role.WORKER, Role.ADMIN);
  private static final EnumSet<Role> ADMINS = EnumSet.of(Role.ADMIN);

  /** The roles allowed on each route ({@code METHOD path-regex}), first match wins. */
  private static final Map<Pattern, EnumSet<Role>> WHO_MAY = new LinkedHashMap<>();

  /**
   * Routes that take no key by design: the dispatch-agents CLI announces where an agent's gRPC
   * server listens without one (it matters only once the agent subscribes, with a key).
   */
  private static final Pattern OPEN =
      Pattern.compile(
          "POST /api/unstable(/namespace/\\{ns})?/agents/register"
              // A tracker's webhook delivery carries no key: its HMAC signature authenticates it
              // (TaskRoutingScenarios refuses unsigned and wrongly signed deliveries with 401).
              + "|POST /v1/namespaces/\\{ns}/integrations/(github|gitea)/webhook");

  static {
    may("GET /metrics", ADMINS);
    // MCP: every method needs a key of the namespace; tools/call also needs invoke (McpDoorTest).
    may("(GET|POST|DELETE) /mcp/\\{ns\\}", ANY);
    may("POST /api/unstable.*/agents/\\{name}/stop", ADMINS);
    may("POST /api/unstable.*/(events/subscribe|llm/log)", WORKERS);
    may("POST /api/unstable.*/llm/.*", INVOKERS);
    may("(PUT|DELETE) .*/llm/(providers|aliases|experiments|pricing)/.*", ADMINS);
    may("(PUT|DELETE) .*/llm/budget", ADMINS);
    may("DELETE .*/agents/\\{agent\\}", ADMINS);
    may("POST .*/agents/\\{agent\\}(/functions/\\{function\\})?/(pause|resume|reset)", ADMINS);
    may("PUT .*/agents/\\{agent\\}", WORKERS);
    may("POST .*/workers/.*", WORKERS);
    may("POST .*/llm/calls", WORKERS);
    may("POST .*/llm/(openai|anthropic)/.*", INVOKERS);
    may("GET .*/llm/openai/v1/models", INVOKERS);
    may("(GET|PUT) .*/tasks/settings", ADMINS);
    may("PUT .*/tasks/type-rules", ADMINS);
    // LangGraph (under /langgraph/{ns} and, for the default namespace, at the root paths):
    // searching and reading history need read; everything else that is not a GET needs invoke.
    may("POST (/langgraph/\\{ns})?/(assistants|threads)/search", ANY);
    may("POST (/langgraph/\\{ns})?/threads/\\{thread}/history", ANY);
    may("GET .*", ANY);
    may("(POST|PUT|PATCH|DELETE) .*", INVOKERS);
  }

  private static void may(String route, EnumSet<Role> roles) {
    WHO_MAY.put(Pattern.compile(route), roles);
  }

  /** The LangGraph door's root paths, which serve the default namespace. */
  private static final Pattern LANGGRAPH_ROOT =
      Pattern.compile("^[A-Z]+ /(info|assistants|threads|runs)(/|$)");

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path dir;
  static TestServer server;
  static Map<Role, String> keys = new LinkedHashMap<>();
  static String revoked;
  static String otherNamespace;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            ServerConfig.defaults()
                .withPort(0)
                .withDb("sqlite:" + dir.resolve("matrix.db"))
                .withRequireAuth(true));
    for (Role role : Role.values()) {
      keys.put(role, server.newKey(role, "*"));
    }
    revoked = server.newKey(Role.ADMIN, "*");
    server.server().store().keys().revoke(KeySecrets.shownPrefix(revoked), Instant.now());
    otherNamespace = server.newKey(Role.ADMIN, "other");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyRouteAnswersEveryCallerAsDeclared() throws Exception {
    List<String> wrong = new ArrayList<>();
    List<String> routes = served();
    assertThat(routes).hasSizeGreaterThan(50);
    assertThat(routes).contains("POST /langgraph/{ns}/runs/wait", "POST /threads/{thread}/history");
    for (String route : routes) {
      if (OPEN.matcher(route).matches()) {
        continue;
      }
      EnumSet<Role> allowed = allowed(route);
      String method = route.substring(0, route.indexOf(' '));
      String path = concrete(route.substring(route.indexOf(' ') + 1));
      check(wrong, route, method, path, null, Set.of(401));
      check(wrong, route, method, path, "adk_" + "0".repeat(64), Set.of(401));
      check(wrong, route, method, path, revoked, Set.of(401));
      if (path.startsWith("/v1/namespaces/")
          || path.startsWith("/api/unstable/namespace/")
          || path.startsWith("/mcp/")
          || path.startsWith("/langgraph/")
          || LANGGRAPH_ROOT.matcher(method + " " + path).find()) {
        check(wrong, route, method, path, otherNamespace, Set.of(403));
      }
      for (Role role : Role.values()) {
        int status = send(method, path, keys.get(role));
        boolean refused = status == 401 || status == 403;
        if (allowed.contains(role) == refused || status >= 500) {
          wrong.add(route + " as " + role.wire() + " → " + status + " (allowed: " + allowed + ")");
        }
      }
    }
    assertThat(wrong).as("routes that answered a caller against the declared rules").isEmpty();
  }

  private static void check(
      List<String> wrong,
      String route,
      String method,
      String path,
      String key,
      Set<Integer> expected)
      throws Exception {
    int status = send(method, path, key);
    if (!expected.contains(status)) {
      wrong.add(route + " with " + (key == null ? "no key" : "a bad key") + " → " + status);
    }
  }

  /** Every route of the native API and the system routes, as Javalin lists them. */
  private static List<String> served() {
    return server.server().routes().stream()
        .filter(r -> !r.startsWith("BEFORE") && !r.startsWith("AFTER"))
        .filter(r ->
            r.contains(" /v1/")
                || r.contains(" /api/unstable")
                || r.contains(" /mcp/")
                || r.contains(" /langgraph/")
                || LANGGRAPH_ROOT.matcher(r).find()
                || r.endsWith(" /metrics"))
        .filter(r -> !r.equals("GET /v1/openapi.json"))
        .map(r -> r.replace('<', '{').replace('>', '}'))
        .toList();
  }

  private static EnumSet<Role> allowed(String route) {
    return WHO_MAY.entrySet().stream()
        .filter(e -> e.getKey().matcher(route).matches())
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no rule in WHO_MAY for " + route));
  }

  /** A path with every parameter filled: the namespace {@code default}, other ids made up. */
  private static String concrete(String template) {
    return template.replace("{ns}", "default").replaceAll("\\{[a-z_]+}", "none");
  }

  /** The status of one request with an empty JSON object as its body; a held stream counts 200. */
  private static int send(String method, String path, String key) throws Exception {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .timeout(Duration.ofSeconds(3))
            .header("Content-Type", "application/json")
            .method(
                method,
                method.equals("GET") || method.equals("DELETE")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString("{}"));
    if (key != null) {
      req.header("Authorization", "Bearer " + key);
    }
    try {
      return HTTP.send(req.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (HttpTimeoutException e) {
      return 200;
    }
  }
}
