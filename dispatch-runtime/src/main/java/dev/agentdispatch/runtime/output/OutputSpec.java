package dev.agentdispatch.runtime.output;

/**
 * What a model's text output must look like, and what it parses to. {@link #parse} throws {@link
 * OutputValidationException} on output that does not conform; {@code Session.runTurnValidated}
 * re-asks the model with that message.
 *
 * @param <T> the parsed value
 */
@FunctionalInterface
public interface OutputSpec<T> {
  T parse(String output);
}
