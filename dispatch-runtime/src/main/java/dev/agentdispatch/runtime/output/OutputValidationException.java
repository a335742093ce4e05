package dev.agentdispatch.runtime.output;

/**
 * A model's output does not satisfy its {@link OutputSpec}. An {@link IllegalArgumentException}, as
 * the specification's {@code OutputValidationError} is a {@code ValueError}, so a session ended by
 * one is classed {@code validation_error}. The message says what is wrong and is what a re-ask
 * tells the model.
 */
public final class OutputValidationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public OutputValidationException(String message) {
    super(message);
  }

  public OutputValidationException(String message, Throwable cause) {
    super(message, cause);
  }
}
