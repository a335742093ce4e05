package dev.agentdispatch.runtime.session;

import java.util.Optional;

/**
 * The model call of a turn whose output is validated: on a re-ask it is told what was wrong with
 * the previous answer (the {@link dev.agentdispatch.runtime.output.OutputValidationException}'s
 * message), to put in the prompt.
 */
@FunctionalInterface
public interface ReaskingCall {
  String call(TurnContext ctx, Optional<String> violation) throws Exception;
}
