package dev.agentdispatch.server.doors.v1.llm;

import static dev.agentdispatch.core.auth.Permission.CALL_MODELS;

import dev.agentdispatch.core.agent.Names;
import dev.agentdispatch.core.llm.LlmFormat;
import dev.agentdispatch.server.app.llm.CallAttribution;
import dev.agentdispatch.server.app.llm.gateway.Endpoint;
import dev.agentdispatch.server.app.llm.gateway.ErrorBodies;
import dev.agentdispatch.server.app.llm.gateway.LlmGateway;
import dev.agentdispatch.server.app.llm.gateway.ProxyCall;
import dev.agentdispatch.server.doors.http.ApiException;
import dev.agentdispatch.server.doors.http.ErrorShape;
import dev.agentdispatch.server.doors.http.Guard;
import dev.agentdispatch.server.doors.http.ServletSink;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The LLM gateway's proxy (DESIGN §10): OpenAI- and Anthropic-compatible endpoints under {@code
 * /v1/namespaces/{ns}/llm/openai/v1} and {@code …/llm/anthropic/v1}, so a client library pointed at
 * those base URLs works unchanged. The {@code X-Dispatch-*} headers attribute a call to its agent,
 * trace, invocation and session; errors take the provider's own shape.
 */
public final class LlmProxyRoutes {
  private static final String OPENAI = "/v1/namespaces/{ns}/llm/openai/v1";
  private static final String ANTHROPIC = "/v1/namespaces/{ns}/llm/anthropic/v1";
  private static final Pattern PROXY_PATH =
      Pattern.compile("^/v1/namespaces/[^/]+/llm/(openai|anthropic)/");

  /** The largest body read at its declared length, past Javalin's reader. */
  private static final long SMALL_BODY = 1024 * 1024;

  /** The longest id an attribution header may carry. */
  private static final int MAX_ID = 200;

  private LlmProxyRoutes() {}

  public static void register(RoutesConfig routes, Guard guard, LlmGateway gateway) {
    proxy(routes, guard, gateway, OPENAI + "/chat/completions", Endpoint.CHAT_COMPLETIONS);
    proxy(routes, guard, gateway, OPENAI + "/responses", Endpoint.RESPONSES);
    proxy(routes, guard, gateway, OPENAI + "/embeddings", Endpoint.EMBEDDINGS);
    proxy(routes, guard, gateway, ANTHROPIC + "/messages", Endpoint.MESSAGES);
    routes.get(
        OPENAI + "/models",
        guard.withProviderKey(
            CALL_MODELS,
            (ctx, ns) ->
                ctx.json(modelList(gateway.models(attribution(ctx, ns), LlmFormat.OPENAI)))));
  }

  /** The error shape of the proxy route {@code path} is on, if it is on one. */
  public static Optional<ErrorShape> errorShape(String path) {
    Matcher m = PROXY_PATH.matcher(path);
    if (!m.find()) {
      return Optional.empty();
    }
    LlmFormat format = m.group(1).equals("anthropic") ? LlmFormat.ANTHROPIC : LlmFormat.OPENAI;
    return Optional.of(e -> ErrorBodies.body(format, e.status(), e.code(), e.getMessage()));
  }

  private static void proxy(
      RoutesConfig routes, Guard guard, LlmGateway gateway, String path, Endpoint endpoint) {
    routes.post(
        path,
        guard.withProviderKey(
            CALL_MODELS,
            (ctx, ns) ->
                gateway.forward(
                    new ProxyCall(endpoint, body(ctx), headers(ctx.req()), attribution(ctx, ns)),
                    new ServletSink(ctx.res()))));
  }

  /**
   * The body, read into one array of its declared length when it is small (Javalin's reader starts
   * with a buffer larger than most calls and copies it); anything else through Javalin, which
   * enforces the server's size limit.
   */
  private static byte[] body(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared < 0 || declared > SMALL_BODY) {
      return ctx.bodyAsBytes();
    }
    try {
      return ctx.req().getInputStream().readNBytes((int) declared);
    } catch (IOException e) {
      throw ApiException.badRequest("the request body could not be read: " + e.getMessage());
    }
  }

  /**
   * Whom a call is for, from the headers the dispatch-agents SDK's instrumentation (and our SDK's
   * worker context) send.
   */
  static CallAttribution attribution(Context ctx, String ns) {
    Optional<String> agent = header(ctx, "X-Dispatch-Agent-Name");
    agent.ifPresent(a -> {
      if (!Names.valid(a)) {
        throw ApiException.badRequest(
            "X-Dispatch-Agent-Name '" + a + "' is not a valid agent name");
      }
    });
    return new CallAttribution(
        ns,
        agent,
        id(ctx, "X-Dispatch-Trace-Id"),
        id(ctx, "X-Dispatch-Invocation-Id"),
        id(ctx, "X-Dispatch-Session-Id"));
  }

  private static Optional<String> id(Context ctx, String name) {
    Optional<String> v = header(ctx, name);
    if (v.isPresent() && v.get().length() > MAX_ID) {
      throw ApiException.badRequest(name + " is longer than " + MAX_ID + " characters");
    }
    return v;
  }

  private static Optional<String> header(Context ctx, String name) {
    return Optional.ofNullable(ctx.header(name)).map(String::trim).filter(v -> !v.isEmpty());
  }

  private static Map<String, List<String>> headers(HttpServletRequest req) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String name : Collections.list(req.getHeaderNames())) {
      out.put(name, Collections.list(req.getHeaders(name)));
    }
    return out;
  }

  private static Map<String, Object> modelList(List<String> models) {
    List<Map<String, Object>> data =
        models.stream()
            .map(id ->
                Map.<String, Object>of(
                    "id", id, "object", "model", "created", 0, "owned_by", "agent-dispatch"))
            .toList();
    return Map.of("object", "list", "data", data);
  }
}
