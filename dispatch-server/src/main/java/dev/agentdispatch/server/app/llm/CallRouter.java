package dev.agentdispatch.server.app.llm;

import dev.agentdispatch.core.llm.LlmFormat;
import java.util.Optional;

/** Decides where a call goes: aliases, experiments (variants) and the providers serving a model. */
public interface CallRouter {
  /**
   * The route of a call in {@code format} asking for {@code requestedModel} (empty: the default
   * model of the first provider of that format).
   *
   * @throws dev.agentdispatch.server.app.ServiceException.Invalid when no provider of {@code
   *     format} serves the model (the message names the model and says how to configure one)
   */
  CallRoute route(CallAttribution who, LlmFormat format, Optional<String> requestedModel);
}
