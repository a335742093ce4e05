package dev.agentdispatch.server.doors.v1.llm;

import dev.agentdispatch.core.llm.LlmProvider;
import dev.agentdispatch.server.app.llm.CallRoute;
import java.util.List;

/** Where a call would go: the model, the variant, and the providers in failover order. */
public record RouteView(
    String model, String variantName, String systemPrompt, List<Candidate> candidates) {

  /** One provider the call would be sent to, in turn. */
  public record Candidate(String name, String format, String baseUrl, int priority) {
    static Candidate of(LlmProvider p) {
      return new Candidate(p.name(), p.format().wire(), p.baseUrl().toString(), p.priority());
    }
  }

  public static RouteView of(CallRoute r) {
    return new RouteView(
        r.model(),
        r.variantName().orElse(null),
        r.systemPrompt().orElse(null),
        r.candidates().stream().map(Candidate::of).toList());
  }
}
