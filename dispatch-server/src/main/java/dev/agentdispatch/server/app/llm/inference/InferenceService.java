package dev.agentdispatch.server.app.llm.inference;

import dev.agentdispatch.core.llm.LlmFormat;
import dev.agentdispatch.core.wire.WireEnum;
import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.llm.CallAttribution;
import dev.agentdispatch.server.app.llm.CallRoute;
import dev.agentdispatch.server.app.llm.CallRouter;
import dev.agentdispatch.server.app.llm.gateway.Endpoint;
import dev.agentdispatch.server.app.llm.gateway.LlmGateway;
import dev.agentdispatch.server.app.llm.gateway.ProxyCall;
import dev.agentdispatch.server.app.llm.gateway.ResponseSink;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Provider-neutral chat (the dispatch-agents {@code llm/inference}): the request is written in the
 * format of a provider that serves the model, sent through the gateway like any proxied call
 * (routing, budget, failover, recording), and its answer read back in the neutral shape.
 */
public final class InferenceService {
  private final CallRouter router;
  private final LlmGateway gateway;

  public InferenceService(CallRouter router, LlmGateway gateway) {
    this.router = router;
    this.gateway = gateway;
  }

  /**
   * A finished inference: the neutral answer and what the call cost.
   *
   * @param llmCallId the recorded call's id
   * @param answer text, tool calls and finish reason
   * @param model the model that answered
   * @param provider the provider that answered
   * @param variantName the experiment variant, if one applied
   * @param inputTokens prompt tokens (cached ones included)
   * @param outputTokens completion tokens
   * @param costUsd the call's cost
   * @param latencyMs how long it took
   */
  public record Result(
      String llmCallId,
      InferenceAnswer answer,
      String model,
      String provider,
      Optional<String> variantName,
      long inputTokens,
      long outputTokens,
      BigDecimal costUsd,
      long latencyMs) {}

  /**
   * Runs {@code request} for {@code who}.
   *
   * @throws ServiceException.Invalid for a provider this server cannot speak, or no provider
   * @throws ServiceException.BudgetExceeded when a budget forbids the call (nothing was sent)
   * @throws ServiceException.Unavailable when every provider failed
   */
  public Result infer(CallAttribution who, InferenceRequest request) {
    CallRoute route = route(who, request.provider(), request.model());
    LlmFormat format = route.candidates().getFirst().format();
    String model = route.model();
    JsonNode body =
        format == LlmFormat.OPENAI
            ? ProviderBodies.openAi(request, model)
            : ProviderBodies.anthropic(request, model);
    Endpoint endpoint = format == LlmFormat.OPENAI ? Endpoint.CHAT_COMPLETIONS : Endpoint.MESSAGES;
    Captured answer = new Captured();
    LlmGateway.Forwarded done =
        gateway.forward(
            new ProxyCall(
                endpoint,
                Json.MAPPER.writeValueAsBytes(body),
                ProxyCall.singleValued(request.extraHeaders()),
                who),
            answer);
    if (answer.status < 200 || answer.status > 299) {
      String message = "the model call failed (" + answer.status + "): " + answer.errorMessage();
      // The provider judged the request itself bad; anything else may pass if tried again.
      boolean callersFault = answer.status >= 400 && answer.status < 500 && answer.status != 429;
      throw callersFault
          ? new ServiceException.Invalid(message)
          : new ServiceException.Unavailable(message);
    }
    JsonNode response = answer.json();
    var outcome = done.outcome();
    return new Result(
        done.recorded().map(r -> r.id()).orElse(""),
        format == LlmFormat.OPENAI
            ? InferenceAnswer.fromOpenAi(response)
            : InferenceAnswer.fromAnthropic(response),
        outcome.model(),
        outcome.provider(),
        outcome.variantName(),
        outcome.usage().input() + outcome.usage().cacheRead() + outcome.usage().cacheWrite(),
        outcome.usage().output(),
        done.recorded().map(r -> r.costUsd()).orElse(BigDecimal.ZERO),
        outcome.latency().toMillis());
  }

  /**
   * Where the call goes, in the format {@code provider} names; with none, OpenAI's if a provider of
   * it serves the model, else Anthropic's.
   */
  private CallRoute route(CallAttribution who, Optional<String> provider, Optional<String> model) {
    if (provider.isPresent()) {
      LlmFormat format =
          WireEnum.parse(LlmFormat.class, provider.get())
              .orElseThrow(() ->
                  new ServiceException.Invalid(
                      "provider '"
                          + provider.get()
                          + "' is not supported: use one of "
                          + WireEnum.choices(LlmFormat.class)
                          + " (the format of the providers configured for this namespace)"));
      return router.route(who, format, model);
    }
    try {
      return router.route(who, LlmFormat.OPENAI, model);
    } catch (ServiceException.Invalid noOpenAi) {
      return router.route(who, LlmFormat.ANTHROPIC, model); // reports what is missing
    }
  }

  /** The whole answer of a non-streamed call, kept in memory. */
  private static final class Captured implements ResponseSink {
    private int status;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public void start(int status, Map<String, String> headers) {
      this.status = status;
    }

    @Override
    public void write(byte[] b, int offset, int length) {
      bytes.write(b, offset, length);
    }

    JsonNode json() {
      try {
        return Json.MAPPER.readTree(bytes.toByteArray());
      } catch (JacksonException e) {
        throw new ServiceException.Unavailable(
            "the provider's answer is not JSON: " + e.getOriginalMessage());
      }
    }

    String errorMessage() {
      try {
        JsonNode error = Json.MAPPER.readTree(bytes.toByteArray()).path("error");
        return error.path("message").asString(error.toString());
      } catch (JacksonException e) {
        return bytes.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
