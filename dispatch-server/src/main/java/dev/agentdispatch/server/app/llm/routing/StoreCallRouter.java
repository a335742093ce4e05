package dev.agentdispatch.server.app.llm.routing;

import dev.agentdispatch.core.llm.LlmExperiment;
import dev.agentdispatch.core.llm.LlmFormat;
import dev.agentdispatch.core.llm.LlmProvider;
import dev.agentdispatch.core.llm.LlmVariant;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.llm.CallAttribution;
import dev.agentdispatch.server.app.llm.CallRoute;
import dev.agentdispatch.server.app.llm.CallRouter;
import dev.agentdispatch.store.llm.AliasRecord;
import dev.agentdispatch.store.llm.ExperimentRecord;
import dev.agentdispatch.store.llm.LlmRouting;
import dev.agentdispatch.store.llm.ProviderRecord;
import java.util.List;
import java.util.Optional;

/**
 * Routes calls with the namespace's stored configuration: the requested model's alias is resolved;
 * an enabled experiment of the calling agent (else of the whole namespace) picks a variant, whose
 * model replaces the requested one and whose system prompt goes with the route; the candidates are
 * the providers of the call's format that serve the model, by priority then name.
 */
public final class StoreCallRouter implements CallRouter {
  private final RoutingTables tables;
  private final VariantPicker picker;

  public StoreCallRouter(RoutingTables tables, VariantPicker picker) {
    this.tables = tables;
    this.picker = picker;
  }

  @Override
  public CallRoute route(CallAttribution who, LlmFormat format, Optional<String> requestedModel) {
    String ns = who.namespace();
    LlmRouting routing = tables.get(ns);
    List<LlmProvider> ofFormat =
        routing.providers().stream()
            .map(ProviderRecord::provider)
            .filter(p -> p.format() == format)
            .toList(); // already by priority, then name
    if (ofFormat.isEmpty()) {
      throw new ServiceException.Invalid(
          "no LLM providers configured for format '"
              + format.wire()
              + "' in namespace '"
              + ns
              + "': add one with PUT /v1/namespaces/"
              + ns
              + "/llm/providers/{name} {\"format\": \""
              + format.wire()
              + "\", \"base_url\": ..., \"api_key_env\": ...}");
    }
    Optional<LlmVariant> variant = experiment(routing, who).map(e -> picker.pick(e, who));
    Optional<String> asked =
        variant.flatMap(LlmVariant::model).or(() -> requestedModel.filter(m -> !m.isBlank()));
    String model =
        asked.map(m -> resolve(routing, m)).orElseGet(() -> defaultModel(ofFormat, format, ns));
    List<LlmProvider> candidates = ofFormat.stream().filter(p -> p.serves(model)).toList();
    if (candidates.isEmpty()) {
      throw new ServiceException.Invalid(
          "model '"
              + model
              + "' is not configured: no '"
              + format.wire()
              + "' provider in namespace '"
              + ns
              + "' serves it; add it to a provider's \"models\" (or list none to serve any) with"
              + " PUT /v1/namespaces/"
              + ns
              + "/llm/providers/{name}");
    }
    return new CallRoute(
        model,
        candidates,
        variant.map(LlmVariant::name),
        variant.flatMap(LlmVariant::systemPrompt));
  }

  /** The experiment that applies: the agent's own beats the namespace's. */
  private static Optional<LlmExperiment> experiment(LlmRouting routing, CallAttribution who) {
    List<LlmExperiment> enabled =
        routing.experiments().stream()
            .map(ExperimentRecord::experiment)
            .filter(LlmExperiment::enabled)
            .toList();
    Optional<LlmExperiment> own =
        who.agent()
            .flatMap(
                a -> enabled.stream().filter(e -> e.agent().equals(Optional.of(a))).findFirst());
    return own.or(() -> enabled.stream().filter(e -> e.agent().isEmpty()).findFirst());
  }

  /** The model an alias names, or the name itself; aliases never chain, so one step suffices. */
  private static String resolve(LlmRouting routing, String model) {
    return routing.aliases().stream()
        .filter(a -> a.alias().equals(model))
        .map(AliasRecord::model)
        .findFirst()
        .orElse(model);
  }

  /** For a call naming no model: the default model of the first provider that has one. */
  private static String defaultModel(List<LlmProvider> ofFormat, LlmFormat format, String ns) {
    return ofFormat.stream()
        .flatMap(p -> p.defaultModel().stream())
        .findFirst()
        .orElseThrow(() ->
            new ServiceException.Invalid(
                "the call names no model and no '"
                    + format.wire()
                    + "' provider in namespace '"
                    + ns
                    + "' has a \"default_model\": name a model, or set one with PUT"
                    + " /v1/namespaces/"
                    + ns
                    + "/llm/providers/{name}"));
  }
}
