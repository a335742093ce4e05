package dev.agentdispatch.server.app.llm.gateway;

import dev.agentdispatch.core.llm.LlmFormat;
import dev.agentdispatch.core.llm.LlmProvider;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.llm.CallAttribution;
import dev.agentdispatch.server.app.llm.CallRoute;
import dev.agentdispatch.server.app.llm.CallRouter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Routes calls to the providers the server was started with, the same for every namespace: no
 * aliases and no experiments. A model goes to the providers that list it, else to those that list
 * none; the default model is that of the first provider of the format that names one.
 */
public final class ConfiguredCallRouter implements CallRouter {
  private final List<LlmProvider> providers;

  public ConfiguredCallRouter(List<LlmProvider> providers) {
    this.providers =
        providers.stream().sorted(Comparator.comparingInt(LlmProvider::priority)).toList();
  }

  @Override
  public CallRoute route(CallAttribution who, LlmFormat format, Optional<String> requestedModel) {
    List<LlmProvider> ofFormat = providers.stream().filter(p -> p.format() == format).toList();
    if (ofFormat.isEmpty()) {
      throw new ServiceException.Invalid(
          "no "
              + format.wire()
              + " provider is configured: start the server with one to call models through the"
              + " gateway");
    }
    String model =
        requestedModel
            .or(() -> ofFormat.stream().flatMap(p -> p.defaultModel().stream()).findFirst())
            .orElseThrow(() ->
                new ServiceException.Invalid(
                    "the request names no 'model' and no "
                        + format.wire()
                        + " provider has a default model"));
    List<LlmProvider> listing = ofFormat.stream().filter(p -> p.models().contains(model)).toList();
    List<LlmProvider> candidates =
        listing.isEmpty() ? ofFormat.stream().filter(p -> p.models().isEmpty()).toList() : listing;
    if (candidates.isEmpty()) {
      throw new ServiceException.Invalid(
          "no "
              + format.wire()
              + " provider serves model '"
              + model
              + "'; configured models: "
              + ofFormat.stream().flatMap(p -> p.models().stream()).distinct().toList());
    }
    return new CallRoute(model, candidates, Optional.empty(), Optional.empty());
  }
}
