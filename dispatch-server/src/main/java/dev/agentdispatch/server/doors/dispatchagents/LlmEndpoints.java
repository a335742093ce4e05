package dev.agentdispatch.server.doors.dispatchagents;

import dev.agentdispatch.core.agent.Names;
import dev.agentdispatch.core.llm.LlmFormat;
import dev.agentdispatch.core.wire.WireEnum;
import dev.agentdispatch.server.app.Check;
import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.llm.CallAttribution;
import dev.agentdispatch.server.app.llm.CallLedger;
import dev.agentdispatch.server.app.llm.gateway.Endpoint;
import dev.agentdispatch.server.app.llm.gateway.LlmGateway;
import dev.agentdispatch.server.app.llm.gateway.ProxyCall;
import dev.agentdispatch.server.app.llm.inference.InferenceAnswer;
import dev.agentdispatch.server.app.llm.inference.InferenceRequest;
import dev.agentdispatch.server.app.llm.inference.InferenceService;
import dev.agentdispatch.server.app.llm.ledger.LlmLedger;
import dev.agentdispatch.server.app.llm.ledger.ReportedCall;
import dev.agentdispatch.server.app.llm.ledger.UsageService;
import dev.agentdispatch.server.app.llm.pricing.Usd;
import dev.agentdispatch.server.doors.http.ApiException;
import dev.agentdispatch.server.doors.http.Bodies;
import dev.agentdispatch.server.doors.http.ServletSink;
import dev.agentdispatch.store.llm.LlmCallQuery;
import dev.agentdispatch.store.llm.LlmCallRecord;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The door's LLM endpoints ({@code llm/inference}, {@code llm/log}, {@code llm/proxy}, {@code
 * llm/passthrough}, {@code llm/calls}) over the same gateway, ledger and router as the native ones.
 * A spent budget answers as the reference backend does: 400 with a detail that starts "Budget
 * exceeded", which the SDK's proxy passes on without falling back to a developer's key.
 */
final class LlmEndpoints {
  private final InferenceService inference;
  private final LlmGateway gateway;
  private final LlmLedger ledger;
  private final UsageService usage;

  LlmEndpoints(
      InferenceService inference, LlmGateway gateway, LlmLedger ledger, UsageService usage) {
    this.inference = inference;
    this.gateway = gateway;
    this.ledger = ledger;
    this.usage = usage;
  }

  void inference(Context ctx, String ns) {
    LlmWire.Inference body = Bodies.read(ctx, LlmWire.Inference.class);
    InferenceRequest request =
        new InferenceRequest(
            Optional.ofNullable(body.messages()).orElse(List.of()),
            Optional.ofNullable(body.model()),
            Optional.ofNullable(body.provider()),
            Optional.ofNullable(body.tools()).filter(t -> !t.isNull()),
            Optional.ofNullable(body.temperature()).orElse(1.0),
            Optional.ofNullable(body.maxTokens()),
            Optional.ofNullable(body.responseFormat()).filter(f -> !f.isNull()),
            Optional.ofNullable(body.extraHeaders()).orElse(Map.of()));
    CallAttribution who = who(ctx, ns, body.agentName(), body.traceId(), body.invocationId());
    InferenceService.Result r = budgeted(() -> inference.infer(who, request));
    ctx.json(
        new LlmWire.InferenceAnswer(
            r.llmCallId(),
            r.answer().content().orElse(null),
            r.answer().toolCalls().isEmpty() ? null : toolCalls(r.answer().toolCalls()),
            r.answer().finishReason(),
            r.model(),
            r.provider(),
            r.variantName().orElse(null),
            r.inputTokens(),
            r.outputTokens(),
            r.costUsd(),
            r.latencyMs()));
  }

  void log(Context ctx, String ns) {
    LlmWire.Log body = Bodies.read(ctx, LlmWire.Log.class);
    ReportedCall.Wire wire =
        new ReportedCall.Wire(
            body.model(),
            body.provider(),
            body.inputTokens(),
            body.outputTokens(),
            null,
            null,
            body.latencyMs(),
            null,
            body.finishReason(),
            null,
            null,
            null,
            Optional.ofNullable(body.agentName())
                .or(() -> header(ctx, "X-Dispatch-Agent-Name"))
                .orElse(null),
            body.traceId(),
            body.invocationId(),
            null,
            null);
    CallLedger.RecordedCall r = ledger.report(ReportedCall.of(ns, wire));
    ctx.json(new LlmWire.Logged(r.id(), r.costUsd()));
  }

  void proxy(Context ctx, String ns) {
    LlmWire.Proxy body = Bodies.read(ctx, LlmWire.Proxy.class);
    if (body.body() == null || !body.body().isObject()) {
      throw ApiException.badRequest("'body' must be the provider request, a JSON object");
    }
    Endpoint endpoint =
        endpoint(Check.required(body.endpoint(), "endpoint"), body.providerFormat())
            .orElseThrow(() ->
                ApiException.badRequest(
                    "endpoint '"
                        + body.endpoint()
                        + "' is not proxied: use /chat/completions, /responses or /messages"
                        + " (other provider APIs go through llm/passthrough)"));
    CallAttribution who = who(ctx, ns, body.agentName(), body.traceId(), body.invocationId());
    forward(ctx, endpoint, body.body(), body.extraHeaders(), who);
  }

  void passthrough(Context ctx, String ns) {
    LlmWire.Passthrough body = Bodies.read(ctx, LlmWire.Passthrough.class);
    String path = Check.required(body.path(), "path").replaceFirst("^/v1(?=/)", "");
    String method = Optional.ofNullable(body.method()).orElse("POST").toUpperCase(Locale.ROOT);
    CallAttribution who = who(ctx, ns, body.agentName(), body.traceId(), body.invocationId());
    if (method.equals("GET") && path.equals("/models")) {
      LlmFormat format =
          WireEnum.parse(LlmFormat.class, body.providerFormat()).orElse(LlmFormat.OPENAI);
      ctx.json(
          Map.of(
              "object",
              "list",
              "data",
              gateway.models(who, format).stream()
                  .map(id -> Map.of("id", id, "object", "model", "owned_by", "agent-dispatch"))
                  .toList()));
      return;
    }
    if (method.equals("POST") && path.equals("/embeddings") && body.body() != null) {
      forward(ctx, Endpoint.EMBEDDINGS, body.body(), body.extraHeaders(), who);
      return;
    }
    throw ApiException.badRequest(
        method
            + " "
            + body.path()
            + " is not relayed by this backend: it relays POST /v1/embeddings and GET /v1/models"
            + " (chat and messages go through llm/proxy)");
  }

  void calls(Context ctx, String ns) {
    int limit = DispatchAgentsDoor.range(ctx, "limit", 50, 100);
    var page =
        usage.calls(
            new LlmCallQuery(
                ns, Optional.empty(), Optional.empty(), Optional.empty(), limit, Optional.empty()));
    ctx.json(new LlmWire.Calls(page.items().stream().map(LlmEndpoints::call).toList()));
  }

  private void forward(
      Context ctx,
      Endpoint endpoint,
      tools.jackson.databind.JsonNode body,
      Map<String, String> extraHeaders,
      CallAttribution who) {
    Map<String, List<String>> headers =
        ProxyCall.singleValued(Optional.ofNullable(extraHeaders).orElse(Map.of()));
    budgeted(() ->
        gateway.forward(
            new ProxyCall(endpoint, Json.MAPPER.writeValueAsBytes(body), headers, who),
            new ServletSink(ctx.res())));
  }

  /**
   * The endpoint an SDK path names ({@code /v1/chat/completions} or without the version), checked
   * against the format the caller declared, if it declared one.
   */
  private static Optional<Endpoint> endpoint(String path, String declaredFormat) {
    String p = path.replaceFirst("^/v1(?=/)", "");
    Optional<Endpoint> e =
        List.of(Endpoint.CHAT_COMPLETIONS, Endpoint.RESPONSES, Endpoint.MESSAGES).stream()
            .filter(x -> x.path().equals(p))
            .findFirst();
    if (e.isPresent() && declaredFormat != null) {
      LlmFormat format =
          WireEnum.parse(LlmFormat.class, declaredFormat)
              .orElseThrow(() ->
                  ApiException.badRequest(
                      "provider_format must be one of "
                          + WireEnum.choices(LlmFormat.class)
                          + ", got '"
                          + declaredFormat
                          + "'"));
      if (format != e.get().format()) {
        throw ApiException.badRequest(
            "endpoint " + path + " is " + e.get().format().wire() + ", not " + declaredFormat);
      }
    }
    return e;
  }

  /** Whom a call is for: the body's fields, else the SDK's instrumentation headers. */
  private static CallAttribution who(
      Context ctx, String ns, String agent, String traceId, String invocationId) {
    Optional<String> a = Optional.ofNullable(agent).or(() -> header(ctx, "X-Dispatch-Agent-Name"));
    a.ifPresent(name -> {
      if (!Names.valid(name)) {
        throw ApiException.badRequest("agent_name '" + name + "' is not a valid agent name");
      }
    });
    return new CallAttribution(
        ns,
        a,
        Check.optionalId(
            Optional.ofNullable(traceId).or(() -> header(ctx, "X-Dispatch-Trace-Id")).orElse(null),
            "trace_id"),
        Check.optionalId(
            Optional.ofNullable(invocationId)
                .or(() -> header(ctx, "X-Dispatch-Invocation-Id"))
                .orElse(null),
            "invocation_id"),
        Optional.empty());
  }

  /** Runs a model call, turning a spent budget into the reference backend's refusal. */
  private static <T> T budgeted(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (ServiceException.BudgetExceeded e) {
      throw new ApiException(
          400,
          "budget_exceeded",
          "Budget exceeded for this agent: " + e.getMessage(),
          Optional.empty());
    }
  }

  private static Optional<String> header(Context ctx, String name) {
    return Optional.ofNullable(ctx.header(name)).map(String::trim).filter(v -> !v.isEmpty());
  }

  private static List<LlmWire.ToolCall> toolCalls(List<InferenceAnswer.ToolCall> calls) {
    return calls.stream()
        .map(c ->
            new LlmWire.ToolCall(c.id(), "function", new LlmWire.Function(c.name(), c.arguments())))
        .toList();
  }

  private static LlmWire.Call call(LlmCallRecord c) {
    return new LlmWire.Call(
        "llm_call",
        c.id(),
        c.traceId().orElse(null),
        c.invocationId().orElse(null),
        c.agent().orElse(null),
        c.model(),
        c.provider(),
        c.variant().orElse(null),
        c.usage().input() + c.usage().cacheRead() + c.usage().cacheWrite(),
        c.usage().output(),
        Usd.of(c.costMicros()),
        c.latencyMs(),
        c.finishReason().orElse(null),
        c.status(),
        c.error().orElse(null),
        c.startedAt().toString());
  }
}
