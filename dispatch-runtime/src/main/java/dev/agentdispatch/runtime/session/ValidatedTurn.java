package dev.agentdispatch.runtime.session;

import dev.agentdispatch.runtime.events.AgentFailureClass;
import dev.agentdispatch.runtime.output.OutputSpec;
import dev.agentdispatch.runtime.output.OutputValidationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A turn whose output must satisfy an {@link OutputSpec}; see {@link Session#runTurnValidated}. */
final class ValidatedTurn {
  private ValidatedTurn() {}

  static <T> TurnResult<T> run(
      Session session,
      SessionEvents events,
      ReaskingCall fn,
      OutputSpec<T> spec,
      TurnOptions options,
      int maxReasks) {
    if (maxReasks < 0) {
      throw new IllegalArgumentException("max_reasks must be >= 0, got " + maxReasks);
    }
    Optional<String> violation = Optional.empty();
    for (int attempt = 0; ; attempt++) {
      Optional<String> told = violation;
      // Each re-ask is a turn of its own; it must not replay the answer it replaces.
      TurnOptions turnOptions =
          attempt == 0 || options.idempotencyKey().isEmpty()
              ? options
              : options.withIdempotencyKey(options.idempotencyKey().get() + "#reask-" + attempt);
      TurnResult<String> raw = session.runTurn(ctx -> fn.call(ctx, told), turnOptions);
      try {
        return new TurnResult<>(spec.parse(String.valueOf(raw.result())), raw.usage());
      } catch (OutputValidationException e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", "output_spec");
        data.put("attempt", attempt + 1);
        data.put("reask", attempt < maxReasks);
        // A warning (agent.failed with data), never the message: it quotes the model's output.
        events.emit(
            events
                .factory()
                .failed(
                    session.config().role(),
                    session.config().phase(),
                    AgentFailureClass.VALIDATION_ERROR)
                .withDetail("output validation failed")
                .withData(data));
        if (attempt >= maxReasks) {
          throw e;
        }
        violation = Optional.of(e.getMessage());
      }
    }
  }
}
