package dev.agentdispatch.runtime.langchain4j;

import dev.agentdispatch.runtime.guardrails.Guardrail;
import dev.agentdispatch.runtime.guardrails.Guardrails;
import dev.agentdispatch.runtime.hooks.HookContext;
import dev.agentdispatch.runtime.internal.Checks;
import dev.agentdispatch.runtime.session.Session;
import dev.agentdispatch.runtime.session.TurnContext;
import dev.agentdispatch.runtime.session.TurnOptions;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A LangChain4j {@link ChatModel} that runs every call as a turn of a {@link Session}: the
 * iteration cap, rate limits, hooks (the prompt is the {@link ChatRequest}; a before-model hook may
 * replace it with another one, and after-model hooks receive the {@link ChatResponse}), the circuit
 * breaker, recovery (with provider switching across the registered models), usage and cost from
 * {@link ChatResponse#tokenUsage()}, budgets and limits. Guardrails given to the builder check the
 * call before (stage pre, tool name {@code "chat"}) and the answer text after.
 *
 * <pre>{@code
 * ChatModel guarded = SessionChatModel.builder(session)
 *     .model("primary", openAiModel)
 *     .model("backup", otherModel)
 *     .modelName("model-a")
 *     .build();
 * String answer = guarded.chat("Summarise the incident");
 * }</pre>
 *
 * For provider switching, configure the session with an initial provider and a router whose names
 * are the keys given to {@link Builder#model}.
 */
public final class SessionChatModel implements ChatModel {
  /** The tool name guardrails see for model calls. */
  public static final String GUARDRAIL_TOOL = "chat";

  private final Session session;
  private final Map<String, ChatModel> models;
  private final ChatModel primary;
  private final Optional<String> modelName;
  private final Optional<Duration> timeout;
  private final List<Guardrail> guardrails;

  private SessionChatModel(Builder b) {
    this.session = b.session;
    if (b.models.isEmpty()) {
      throw new IllegalArgumentException("at least one model is required");
    }
    this.models = Map.copyOf(b.models);
    this.primary = b.models.values().iterator().next();
    this.modelName = b.modelName;
    this.timeout = b.timeout;
    this.guardrails = List.copyOf(b.guardrails);
  }

  public static Builder builder(Session session) {
    return new Builder(session);
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    String role = session.config().role();
    Guardrails.runPreChecks(guardrails, role, GUARDRAIL_TOOL);
    String name = modelName.or(() -> Optional.ofNullable(request.modelName())).orElse("");
    HookContext hooks = new HookContext(role, session.config().phase());
    hooks.prompt(request);
    TurnOptions options =
        TurnOptions.model(name)
            .withHookContext(hooks)
            .withEstimateUsage(SessionChatModel::usageOf)
            .withResponseModel(SessionChatModel::responseModelOf);
    if (timeout.isPresent()) {
      options = options.withTimeout(timeout.get());
    }
    Object result =
        session.runTurn(ctx -> modelFor(ctx).chat(promptOf(ctx, request)), options).result();
    if (!(result instanceof ChatResponse response)) {
      throw new IllegalStateException(
          "an after-model hook replaced the ChatResponse with "
              + (result == null ? "null" : result.getClass().getName()));
    }
    String text = response.aiMessage() == null ? null : response.aiMessage().text();
    if (text != null) {
      Guardrails.runPostChecks(guardrails, text, role, GUARDRAIL_TOOL);
    }
    return response;
  }

  private ChatModel modelFor(TurnContext ctx) {
    return ctx.provider().map(models::get).orElse(primary);
  }

  private static ChatRequest promptOf(TurnContext ctx, ChatRequest original) {
    return ctx.hooks()
        .prompt()
        .filter(ChatRequest.class::isInstance)
        .map(ChatRequest.class::cast)
        .orElse(original);
  }

  static UsageSnapshot usageOf(Object result) {
    if (result instanceof ChatResponse r && r.tokenUsage() != null) {
      TokenUsage u = r.tokenUsage();
      return UsageSnapshot.of(nonNull(u.inputTokenCount()), nonNull(u.outputTokenCount()));
    }
    return UsageSnapshot.EMPTY;
  }

  static Optional<String> responseModelOf(Object result) {
    return result instanceof ChatResponse r ? Optional.ofNullable(r.modelName()) : Optional.empty();
  }

  private static long nonNull(Integer v) {
    return v == null ? 0 : Math.max(0, v);
  }

  @Override
  public ChatRequestParameters defaultRequestParameters() {
    return primary.defaultRequestParameters();
  }

  @Override
  public ModelProvider provider() {
    return primary.provider();
  }

  @Override
  public Set<Capability> supportedCapabilities() {
    return primary.supportedCapabilities();
  }

  /** Builder; the first registered model is the default when the session has no provider. */
  public static final class Builder {
    private final Session session;
    private final Map<String, ChatModel> models = new LinkedHashMap<>();
    private Optional<String> modelName = Optional.empty();
    private Optional<Duration> timeout = Optional.empty();
    private final List<Guardrail> guardrails = new ArrayList<>();

    private Builder(Session session) {
      this.session = Objects.requireNonNull(session, "session is null");
    }

    /** Registers a model under a provider name. */
    public Builder model(String provider, ChatModel model) {
      models.put(
          Checks.nonBlank(provider, "provider"), Objects.requireNonNull(model, "model is null"));
      return this;
    }

    /** The model name used for pricing (default: the request's model name). */
    public Builder modelName(String name) {
      this.modelName = Optional.of(Checks.nonBlank(name, "modelName"));
      return this;
    }

    public Builder timeout(Duration t) {
      this.timeout = Optional.of(t);
      return this;
    }

    public Builder guardrail(Guardrail g) {
      guardrails.add(Objects.requireNonNull(g, "guardrail is null"));
      return this;
    }

    public SessionChatModel build() {
      return new SessionChatModel(this);
    }
  }
}
